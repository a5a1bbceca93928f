"""The inline script and style of the path explorer's static HTML (see :mod:`._vector`).

Written here (no library, no request): ``regbookVX(root)`` reads the JSON payload inside
``root``, computes the weights at any λ (ridge: SVD closed form; lasso: linear interpolation
between the path's exact knots; Elastic Net: linear interpolation in its refined table),
draws three SVG panels in CSS pixels (so text sizes are the sizes read) and redraws on every
slider move. Text uses ``currentColor`` (the page theme's colour, light or dark); the lines use
the house Okabe–Ito palette with its black replaced by ``currentColor``. ``root.regbookVX``
exposes ``weights(lam, k)``, ``set(i)`` and ``state()`` for tests and benchmarks.
"""

CSS = (
    ".regbook-vx{max-width:860px;margin:.5em 0 1em}"
    ".regbook-vx .rbv-controls{display:flex;flex-wrap:wrap;gap:.3em 1.2em;margin:.3em 0}"
    ".regbook-vx .rbv-ctl{display:inline-flex;flex-wrap:wrap;align-items:center;gap:.4em;"
    "font-size:.9em}"
    ".regbook-vx .rbv-name{white-space:nowrap}"
    ".regbook-vx input[type=range]{width:200px;max-width:60vw}"
    ".regbook-vx input[type=range]:focus-visible{outline:3px solid "
    "var(--pst-color-primary,#0072B2);outline-offset:2px}"
    ".regbook-vx output{min-width:6em;white-space:nowrap;font-family:monospace}"
    ".regbook-vx .rbv-head{font-weight:bold;margin:.2em 0;font-size:.95em}"
    ".regbook-vx .rbv-model{margin:.1em 0 .3em;font-size:.8em}"
    ".regbook-vx .rbv-desc{font-size:.85em;margin:.3em 0}"
    ".regbook-vx .rbv-panels{display:grid;grid-template-columns:1fr 1fr;gap:.2em .8em}"
    ".regbook-vx .rbv-panels>svg{display:block;width:100%;overflow:visible}"
    ".regbook-vx .rbv-panels>svg.rbv-bars{grid-column:1/3}"
    ".regbook-vx.rbv-narrow .rbv-panels{grid-template-columns:1fr}"
    ".regbook-vx.rbv-narrow .rbv-panels>svg.rbv-bars{grid-column:1}"
    ".regbook-vx svg text{fill:currentColor;font-family:inherit}"
    ".regbook-vx .rbv-dim{opacity:.18}"
)

JS = r"""
function regbookVX(root){
if(!root||root.regbookVX)return;
var P=JSON.parse(root.querySelector(".rbv-data").textContent);
var NS="http://www.w3.org/2000/svg",p=P.names.length,n=P.n,lams=P.lams,K=lams.length;
var ia=root.querySelector('input[id$="-alpha"]'),ir=root.querySelector('input[id$="-l1_ratio"]');
var oa=root.querySelector('output[for$="-alpha"]'),orr=root.querySelector('output[for$="-l1_ratio"]');
var head=root.querySelector(".rbv-head"),desc=root.querySelector(".rbv-desc");
var box=root.querySelector(".rbv-panels");
var COL=P.colors.map(function(c){return c==="#000000"?"currentColor":c;});
var DASH=["","6 3","2 2.5","7 2.5 2 2.5"];
function col(j){return COL[j%COL.length];}
function dash(j){return DASH[Math.floor(j/COL.length)%DASH.length];}
/* Python's format(v, ".Pg") and ".2e", so the text reads as describe() does */
function pyexp(s){var m=s.split("e");var e=parseInt(m[1],10);
 return m[0]+"e"+(e<0?"-":"+")+(Math.abs(e)<10?"0":"")+Math.abs(e);}
function strip(s){return s.indexOf(".")<0?s:s.replace(/0+$/,"").replace(/\.$/,"");}
function g(v,P_){if(v===0)return "0";if(!isFinite(v))return String(v);
 var s=v.toExponential(P_-1),e=parseInt(s.split("e")[1],10);
 if(e>=-4&&e<P_)return strip(v.toFixed(Math.max(0,P_-1-e)));
 var m=s.split("e");return pyexp(strip(m[0])+"e"+m[1]);}
function fmt(v){var a=Math.abs(v);if(v===0)return "0";
 if(a>=1e-3&&a<1e4)return g(v,3);return pyexp(v.toExponential(2));}
/* ---- the model at λ */
function weights(lam,k){var w=new Array(p),j;
 if(P.svd){var S=P.svd,f=new Array(S.k);
  for(var i=0;i<S.k;i++)f[i]=S.d[i]/(S.d[i]*S.d[i]+n*lam)*S.c[i];
  for(j=0;j<p;j++){var s=0;for(var i2=0;i2<S.k;i2++)s+=S.V[j*S.k+i2]*f[i2];w[j]=s;}
  return w;}
 var T=P.tables[k],L=T.lam,m=L.length,W=T.W;
 if(lam>=L[0]){for(j=0;j<p;j++)w[j]=W[j];return w;}
 if(lam<=L[m-1]){for(j=0;j<p;j++)w[j]=W[(m-1)*p+j];return w;}
 var lo=0,hi=m-1;while(hi-lo>1){var mid=(lo+hi)>>1;if(L[mid]>=lam)lo=mid;else hi=mid;}
 var t=(L[lo]-lam)/(L[lo]-L[hi]);
 for(j=0;j<p;j++){var a=W[lo*p+j],b=W[hi*p+j];w[j]=(a===b)?a:a+t*(b-a);}
 return w;}
function mse(Q,w){if(!Q)return null;var G=Q[0],gg=Q[1],s=Q[2],j,l;
 for(j=0;j<p;j++){var r=0;for(l=0;l<p;l++)r+=G[j*p+l]*w[l];s+=w[j]*(r-2*gg[j]);}
 return Math.max(s,0);}
function state(i,k){var lam=lams[i],w=weights(lam,k),nz=0,b=P.ym;
 for(var j=0;j<p;j++){if(w[j]!==0)nz++;b-=P.xm[j]*w[j];}
 return {alpha:lam,coef:w,intercept:b,n_nonzero:nz,train_mse:mse(P.train,w),test_mse:mse(P.test,w)};}
function describe(s,k){var kind={l1:"Lasso",l2:"Ridge",elasticnet:"Elastic Net"}[P.kind];
 var ratio=P.kind==="elasticnet"?" (L1 ratio r = "+P.tables[k].r.toFixed(2)+")":"";
 var t=kind+ratio+" coefficient path of "+p+" features against λ, with λ = "+P.lamText[cur.i]+
  " marked; "+s.n_nonzero+" non-zero weight"+(s.n_nonzero===1?"":"s")+" of "+p+
  "; training MSE "+g(s.train_mse,4);
 if(s.test_mse!==null)t+=", test MSE "+g(s.test_mse,4);return t+".";}
/* ---- the path along the slider's λ (every position), once per ratio */
var cache={};
function along(k){if(cache[k])return cache[k];var ws=[],tr=[],te=[];
 for(var i=0;i<K;i++){var w=weights(lams[i],k);ws.push(w);tr.push(mse(P.train,w));
  te.push(mse(P.test,w));}
 return cache[k]={w:ws,tr:tr,te:P.test?te:null};}
/* fixed axes for every ratio */
var nT=P.tables?P.tables.length:1,span=0,emin=Infinity,emax=-Infinity;
for(var k0=0;k0<nT;k0++){var A=along(k0);for(var i0=0;i0<K;i0++){
 for(var j0=0;j0<p;j0++)span=Math.max(span,Math.abs(A.w[i0][j0]));
 emin=Math.min(emin,A.tr[i0]);emax=Math.max(emax,A.tr[i0]);
 if(A.te){emin=Math.min(emin,A.te[i0]);emax=Math.max(emax,A.te[i0]);}}}
span=span||1;var epad=0.06*(emax-emin||1);
var cur={i:P.start,k:P.rstart||0},D={};
/* ---- SVG helpers */
function el(tag,at,parent){var e=document.createElementNS(NS,tag);for(var a in at)e.setAttribute(a,at[a]);
 if(parent)parent.appendChild(e);return e;}
function txt(parent,x,y,s,at){var e=el("text",Object.assign({x:x,y:y},at||{}),parent);e.textContent=s;return e;}
function ticks(a,b,nt){var st=Math.pow(10,Math.floor(Math.log10((b-a)/nt))),r=(b-a)/nt/st;
 st*=r>5?10:r>2?5:r>1?2:1;var out=[];for(var v=Math.ceil(a/st)*st;v<=b+st*1e-9;v+=st)out.push(Math.abs(v)<st*1e-9?0:v);return out;}
function tickText(v){var a=Math.abs(v);if(v===0)return "0";
 if(a>=1e4||a<1e-3)return pyexp(v.toExponential(0));return String(+v.toPrecision(4));}
var LL0=Math.log10(lams[0]),LL1=Math.log10(lams[K-1]);
function axes(svg,W,H,m,ylo,yhi,title,xlab){
 var g0=el("g",{},svg),x=function(l){return m.l+(Math.log10(l)-LL0)/(LL1-LL0)*(W-m.l-m.r);},
 y=function(v){return m.t+(yhi-v)/(yhi-ylo)*(H-m.t-m.b);};
 var d0=Math.ceil(LL0),d1=Math.floor(LL1),step=Math.max(1,Math.ceil((d1-d0+1)/((W-m.l-m.r)/55)));
 for(var d=d0;d<=d1;d+=step){var X=x(Math.pow(10,d));
  el("line",{x1:X,x2:X,y1:m.t,y2:H-m.b,stroke:"currentColor","stroke-opacity":.12},g0);
  var t=txt(g0,X,H-m.b+13,"10",{"text-anchor":"middle","font-size":11});
  var sp=el("tspan",{dy:-5,"font-size":9},t);sp.textContent=String(d);}
 var ax=m.right?W-m.r:m.l;
 ticks(ylo,yhi,(H-m.t-m.b)/38).forEach(function(v){var Y=y(v);
  el("line",{x1:m.l,x2:W-m.r,y1:Y,y2:Y,stroke:"currentColor","stroke-opacity":.12},g0);
  txt(g0,m.right?ax+4:ax-4,Y+3.5,tickText(v),{"text-anchor":m.right?"start":"end","font-size":10});});
 el("line",{x1:m.l,x2:W-m.r,y1:H-m.b,y2:H-m.b,stroke:"currentColor","stroke-opacity":.7},g0);
 el("line",{x1:ax,x2:ax,y1:m.t,y2:H-m.b,stroke:"currentColor","stroke-opacity":.7},g0);
 txt(g0,m.l,12,title,{"font-size":12,"font-weight":"bold"});
 txt(g0,(m.l+W-m.r)/2,H-4,xlab,{"text-anchor":"middle","font-size":10.5});
 return {x:x,y:y};}
function poly(xs,ys,at,parent){var d="";for(var i=0;i<xs.length;i++)d+=(i?"L":"M")+xs[i].toFixed(1)+" "+ys[i].toFixed(1);
 return el("path",Object.assign({d:d,fill:"none"},at),parent);}
function highlight(j){root.querySelectorAll("[data-f]").forEach(function(e){
 var on=j===null||+e.getAttribute("data-f")===j;e.classList.toggle("rbv-dim",!on);});}
function hoverable(e,j){e.setAttribute("data-f",j);e.addEventListener("mouseenter",function(){highlight(j);});
 e.addEventListener("mouseleave",function(){highlight(null);});}
/* ---- drawing: static layer per ratio and width, then the moving parts */
function build(){
 var Wd=box.clientWidth||root.clientWidth||640,narrow=Wd<560;root.classList.toggle("rbv-narrow",narrow);
 var W1=narrow?Wd:(Wd-13)/2,H1=narrow?230:250;box.textContent="";
 var A=along(cur.k),xs=lams.map(function(l){return l;});
 /* coefficient path, feature names at the weak-penalty (left) end */
 var s1=el("svg",{class:"rbv-path",width:W1,height:H1,viewBox:"0 0 "+W1+" "+H1,role:"img",
  "aria-label":"coefficient path against λ"},box);
 var m1={l:62,r:40,t:22,b:34,right:1},ax1=axes(s1,W1,H1,m1,-1.08*span,1.08*span,
  "coefficient path","λ (log scale, stronger →)");
 var X1=lams.map(ax1.x),ends=[];
 for(var j=0;j<p;j++){var ys=A.w.map(function(w){return ax1.y(w[j]);});
  hoverable(poly(X1,ys,{stroke:col(j),"stroke-width":1.7,"stroke-dasharray":dash(j)},s1),j);
  ends.push({j:j,y:ys[0]});}
 ends.sort(function(a,b){return a.y-b.y;});
 for(var q=1;q<ends.length;q++)ends[q].ly=Math.max(ends[q].y,(ends[q-1].ly||ends[q-1].y)+11);
 ends[0].ly=ends[0].y;
 var over=ends[ends.length-1].ly-(H1-m1.b);if(over>0)ends.forEach(function(e){e.ly-=over;});
 ends.forEach(function(e){var t=txt(s1,2,e.ly+3.5,P.names[e.j],{"font-size":10.5,fill:col(e.j)});
  t.style.fill=col(e.j)==="currentColor"?"":col(e.j);hoverable(t,e.j);
  el("line",{x1:46,x2:m1.l-1,y1:e.ly,y2:e.y,stroke:col(e.j),"stroke-width":.8},s1);});
 D.m1=el("line",{y1:m1.t,y2:H1-m1.b,stroke:"currentColor","stroke-dasharray":"4 3","stroke-width":1.2},s1);
 D.m1t=txt(s1,0,m1.t+10,"",{"font-size":10.5});D.ax1=ax1;D.W1=W1;D.m1r=W1-m1.r;
 /* errors */
 var s2=el("svg",{class:"rbv-err",width:W1,height:H1,viewBox:"0 0 "+W1+" "+H1,role:"img",
  "aria-label":"training and test error against λ"},box);
 var m2={l:52,r:8,t:22,b:34},ax2=axes(s2,W1,H1,m2,emin-epad,emax+epad,"error (mean squared)",
  "λ (log scale, stronger →)");
 var X2=lams.map(ax2.x);
 poly(X2,A.tr.map(ax2.y),{stroke:P.colors[0],"stroke-width":1.8},s2);
 var lg=el("g",{},s2);el("line",{x1:W1-110,x2:W1-92,y1:30,y2:30,stroke:P.colors[0],"stroke-width":1.8},lg);
 txt(lg,W1-88,33.5,"train",{"font-size":10.5});
 if(A.te){poly(X2,A.te.map(ax2.y),{stroke:P.colors[1],"stroke-width":1.8,"stroke-dasharray":"6 3"},s2);
  el("line",{x1:W1-110,x2:W1-92,y1:44,y2:44,stroke:P.colors[1],"stroke-width":1.8,"stroke-dasharray":"6 3"},lg);
  txt(lg,W1-88,47.5,"test",{"font-size":10.5});
  var kb=0;for(var i=1;i<K;i++)if(A.te[i]<A.te[kb])kb=i;
  el("circle",{cx:X2[kb],cy:ax2.y(A.te[kb]),r:4.5,fill:"none",stroke:P.colors[1],"stroke-width":1.5},s2);}
 D.m2=el("line",{y1:m2.t,y2:H1-m2.b,stroke:"currentColor","stroke-dasharray":"4 3","stroke-width":1.2},s2);
 D.dtr=el("circle",{r:4,fill:P.colors[0]},s2);D.dte=A.te?el("circle",{r:4,fill:P.colors[1]},s2):null;
 D.ax2=ax2;
 /* coefficients at λ: one bar per feature, named under it */
 var W3=Wd,H3=narrow?230:210,s3=el("svg",{class:"rbv-bars",width:W3,height:H3,viewBox:"0 0 "+W3+" "+H3,
  role:"img","aria-label":"coefficients at λ"},box);
 var m3={l:52,r:8,t:narrow?36:22,b:narrow?44:26},y3=function(v){return m3.t+(1.15*span-v)/(2.3*span)*(H3-m3.t-m3.b);};
 ticks(-1.15*span,1.15*span,(H3-m3.t-m3.b)/38).forEach(function(v){var Y=y3(v);
  el("line",{x1:m3.l,x2:W3-m3.r,y1:Y,y2:Y,stroke:"currentColor","stroke-opacity":v===0?.7:.12},s3);
  txt(s3,m3.l-4,Y+3.5,tickText(v),{"text-anchor":"end","font-size":10});});
 var bw=(W3-m3.l-m3.r)/p;D.bars=[];D.zeros=[];D.y3=y3;
 for(j=0;j<p;j++){var cx=m3.l+(j+.5)*bw;
  var r=el("rect",{x:cx-bw*.36,width:bw*.72,fill:col(j),"fill-opacity":.85},s3);hoverable(r,j);D.bars.push(r);
  D.zeros.push(el("circle",{cx:cx,cy:y3(0),r:4,fill:"none",stroke:"currentColor","stroke-width":1.3},s3));
  var lt=txt(s3,cx,H3-m3.b+13+(narrow&&j%2?14:0),P.names[j],{"text-anchor":"middle","font-size":10.5});hoverable(lt,j);}
 D.t3=txt(s3,narrow?2:m3.l,12,"",{"font-size":12,"font-weight":"bold"});D.narrow=narrow;
}
function draw(){var s=state(cur.i,cur.k),lam=lams[cur.i];
 var X=D.ax1.x(lam);D.m1.setAttribute("x1",X);D.m1.setAttribute("x2",X);
 var right=X>D.m1r-70;D.m1t.setAttribute("x",right?X-4:X+4);D.m1t.setAttribute("text-anchor",right?"end":"start");
 D.m1t.textContent="λ = "+P.lamText[cur.i];
 var X2=D.ax2.x(lam);D.m2.setAttribute("x1",X2);D.m2.setAttribute("x2",X2);
 D.dtr.setAttribute("cx",X2);D.dtr.setAttribute("cy",D.ax2.y(s.train_mse));
 if(D.dte){D.dte.setAttribute("cx",X2);D.dte.setAttribute("cy",D.ax2.y(s.test_mse));}
 var y0=D.y3(0);
 for(var j=0;j<p;j++){var yv=D.y3(s.coef[j]);D.bars[j].setAttribute("y",Math.min(y0,yv));
  D.bars[j].setAttribute("height",Math.abs(yv-y0));D.zeros[j].style.display=s.coef[j]===0?"":"none";}
 var t3a="coefficients at λ = "+P.lamText[cur.i]+":",t3b=(p-s.n_nonzero)+" of "+p+" exactly zero (○)";
 if(D.narrow){D.t3.textContent="";var a1=el("tspan",{x:2},D.t3);a1.textContent=t3a;
  var a2=el("tspan",{x:2,dy:15},D.t3);a2.textContent=t3b;}
 else D.t3.textContent=t3a+" "+t3b;
 var h=P.label+(P.kind==="elasticnet"?", L1 ratio r = "+P.tables[cur.k].r.toFixed(2):"")+
  "   train MSE "+g(s.train_mse,4)+(s.test_mse!==null?"   test MSE "+g(s.test_mse,4):"");
 head.textContent=h;
 var at="λ = "+P.lamText[cur.i];oa.textContent=at;ia.setAttribute("aria-valuetext",at);
 if(ir){var rt="r = "+String(+P.tables[cur.k].r.toPrecision(6));orr.textContent=rt;ir.setAttribute("aria-valuetext",rt);}
 desc.textContent=describe(s,cur.k);return s;}
function onA(){var i=parseInt(ia.value,10);if(i!==cur.i){cur.i=i;draw();}}
function onR(){var k=parseInt(ir.value,10);if(k!==cur.k){cur.k=k;build();draw();}}
ia.addEventListener("input",onA);ia.addEventListener("change",onA);
if(ir){ir.addEventListener("input",onR);ir.addEventListener("change",onR);}
var lastW=-1;function resize(){var w=box.clientWidth;if(w&&w!==lastW){lastW=w;build();draw();}}
build();draw();lastW=box.clientWidth;
if(window.ResizeObserver)new ResizeObserver(resize).observe(box);else window.addEventListener("resize",resize);
root.regbookVX={weights:weights,state:function(){return state(cur.i,cur.k);},
 set:function(i,k){if(k!==undefined&&k!==cur.k){cur.k=k;if(ir)ir.value=k;build();}cur.i=i;ia.value=i;return draw();},
 payload:P,fmt:fmt,g:g};
}
"""
