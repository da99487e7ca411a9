/**
 * The report's table script: click a header of a `table.sortable` to sort by that column
 * (numbers by their `data-v` value); type in an `input[data-filter-table=C]` to show only the
 * rows of `table.C` whose text contains every word typed (case-insensitive); printing opens
 * every `<details>` (collapsed defaults print in full). Listens on the document, so tables the
 * what-if script redraws keep working. Allowed by the Content-Security-Policy through its hash;
 * the report reads fine without it.
 */
export const SORT_SCRIPT = `(function(){
document.addEventListener('click',function(e){
var th=e.target&&e.target.closest&&e.target.closest('table.sortable th');if(!th)return;
var t=th.closest('table');var i=Array.prototype.indexOf.call(th.parentNode.children,th);
var asc=th.getAttribute('aria-sort')!=='ascending';
t.querySelectorAll('th').forEach(function(h){h.removeAttribute('aria-sort')});
th.setAttribute('aria-sort',asc?'ascending':'descending');
var body=t.tBodies[0];var rows=Array.prototype.slice.call(body.rows);
function key(r){var c=r.cells[i];if(!c)return '';var v=c.getAttribute('data-v');return v===null?c.textContent:Number(v)}
rows.sort(function(a,b){var x=key(a),y=key(b);var d=(typeof x==='number'&&typeof y==='number')?x-y:String(x).localeCompare(String(y),undefined,{numeric:true});return asc?d:-d});
rows.forEach(function(r){body.appendChild(r)});
});
document.addEventListener('input',function(e){
var box=e.target;if(!box||!box.getAttribute||!box.getAttribute('data-filter-table'))return;
var t=document.querySelector('table.'+box.getAttribute('data-filter-table'));if(!t)return;
var words=box.value.toLowerCase().split(/\\s+/).filter(Boolean);
Array.prototype.forEach.call(t.tBodies[0].rows,function(r){var s=r.textContent.toLowerCase();r.hidden=!words.every(function(w){return s.indexOf(w)>=0})});
});
window.addEventListener('beforeprint',function(){document.querySelectorAll('details').forEach(function(d){d.open=true})});
})();`;
