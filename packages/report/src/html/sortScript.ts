/**
 * The report's only script: click a header of a `table.sortable` to sort by that column
 * (numbers by their `data-v` value). Allowed by the Content-Security-Policy through its hash;
 * the report reads fine without it.
 */
export const SORT_SCRIPT = `(function(){
document.querySelectorAll('table.sortable').forEach(function(t){
t.querySelectorAll('th').forEach(function(th,i){
th.addEventListener('click',function(){
var asc=th.getAttribute('aria-sort')!=='ascending';
t.querySelectorAll('th').forEach(function(h){h.removeAttribute('aria-sort')});
th.setAttribute('aria-sort',asc?'ascending':'descending');
var body=t.tBodies[0];var rows=Array.prototype.slice.call(body.rows);
function key(r){var c=r.cells[i];if(!c)return '';var v=c.getAttribute('data-v');return v===null?c.textContent:Number(v)}
rows.sort(function(a,b){var x=key(a),y=key(b);var d=(typeof x==='number'&&typeof y==='number')?x-y:String(x).localeCompare(String(y),undefined,{numeric:true});return asc?d:-d});
rows.forEach(function(r){body.appendChild(r)});
});});});})();`;
