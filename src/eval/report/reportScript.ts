/**
 * The reports' only script: click a `th[data-sort]` to sort its table (cells may carry a
 * numeric `data-v`), and filter the failure list by text, part and error type.
 */
export const REPORT_SCRIPT = `
document.querySelectorAll("th[data-sort]").forEach(function(h){var asc=true;h.addEventListener("click",function(){var b=h.closest("table").tBodies[0],i=h.cellIndex,rows=Array.from(b.rows);rows.sort(function(x,y){var a=x.cells[i],c=y.cells[i],u=a.dataset.v,w=c.dataset.v;var r=u!==undefined&&w!==undefined?Number(u)-Number(w):a.textContent.localeCompare(c.textContent,undefined,{numeric:true});return asc?r:-r});asc=!asc;rows.forEach(function(r){b.appendChild(r)})})});
(function(){var t=document.getElementById("failures");if(!t)return;var q=document.getElementById("fq"),p=document.getElementById("fpart"),e=document.getElementById("ftype"),n=document.getElementById("fcount");function f(){var s=q.value.toLowerCase(),k=0;Array.from(t.tBodies[0].rows).forEach(function(r){var ok=(!s||r.dataset.text.indexOf(s)>=0)&&(!p.value||r.dataset.part===p.value)&&(!e.value||r.dataset.type===e.value);r.hidden=!ok;if(ok)k++});n.textContent=k+" shown"}[q,p,e].forEach(function(x){x.addEventListener("input",f)});f()})();
`;
