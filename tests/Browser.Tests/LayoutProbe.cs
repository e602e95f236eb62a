using Microsoft.Playwright;

namespace CommandCenter.Browser.Tests;

/// <summary>
/// What a person would see as broken in a laid-out page, measured in the browser: an element sticking out of its
/// panel (or the header), text overflowing a box that clips it without an ellipsis, a list or table row cut by a box
/// that does not scroll, a column header on two lines, a page wider than the window.
/// </summary>
public static class LayoutProbe
{
    private const string Script = """
    () => {
      const out = [];
      const name = el => el.id ? '#' + el.id : el.tagName.toLowerCase() + (typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\s+/).join('.') : '');
      const where = el => { const p = []; for (let e = el; e && e !== document.body && p.length < 4; e = e.parentElement) p.unshift(name(e)); return p.join(' > '); };
      const text = el => (el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 40);
      const shown = el => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden' && !el.closest('[hidden]'); };
      const scrolls = cs => ['auto', 'scroll'].includes(cs.overflowY) || ['auto', 'scroll'].includes(cs.overflowX);
      const clips = cs => cs.overflowX !== 'visible' || cs.overflowY !== 'visible';
      const root = document.documentElement;
      if (root.scrollWidth > innerWidth + 1) out.push(`page wider than the window: ${root.scrollWidth} > ${innerWidth}`);
      const boxes = [...document.querySelectorAll('.panel, .bar, .tile')].filter(shown);
      for (const box of boxes) {
        const b = box.getBoundingClientRect();
        for (const el of box.querySelectorAll('*')) {
          if (!shown(el) || el.closest('.maplibregl-map')) continue;
          const cs = getComputedStyle(el);
          // text spilling out of a box that is neither scrolled nor ellipsised
          if (!scrolls(cs) && cs.textOverflow !== 'ellipsis' && !['OL', 'UL', 'TBODY', 'TABLE', 'CANVAS', 'svg', 'INPUT', 'SELECT'].includes(el.tagName) && el.clientWidth > 0
              && (el.scrollWidth > el.clientWidth + 1 || (clips(cs) && el.scrollHeight > el.clientHeight + 1)))
            out.push(`text overflows ${where(el)} "${text(el)}": ${el.scrollWidth}x${el.scrollHeight} in ${el.clientWidth}x${el.clientHeight}`);
          // an element outside its panel, unless it sits in something that scrolls (reachable) or is a whole row hidden by its list
          let scroller = null, clipper = null;
          for (let a = el.parentElement; a && a !== box.parentElement; a = a.parentElement) {
            const acs = getComputedStyle(a);
            if (scrolls(acs)) { scroller = a; break; }
            if (!clipper && clips(acs)) clipper = a;
          }
          if (scroller) continue;
          const r = el.getBoundingClientRect();
          const c = clipper ? clipper.getBoundingClientRect() : b;
          const isRow = el.tagName === 'LI' || el.tagName === 'TR';
          const inside = r.left >= c.left - 1 && r.right <= c.right + 1 && r.top >= c.top - 1 && r.bottom <= c.bottom + 1;
          const outside = r.right <= c.left + 1 || r.left >= c.right - 1 || r.bottom <= c.top + 1 || r.top >= c.bottom - 1;
          if (isRow && !inside && !outside) out.push(`row cut ${where(el)} "${text(el)}": ${Math.round(r.top)}–${Math.round(r.bottom)} in ${Math.round(c.top)}–${Math.round(c.bottom)}`);
          else if (!isRow && !inside && !(outside && el.closest('li, tr'))
                   && (r.right > b.right + 1 || r.left < b.left - 1 || r.bottom > b.bottom + 1 || r.top < b.top - 1))
            out.push(`outside its panel ${where(el)} "${text(el)}": [${Math.round(r.left)},${Math.round(r.top)},${Math.round(r.right)},${Math.round(r.bottom)}] in [${Math.round(b.left)},${Math.round(b.top)},${Math.round(b.right)},${Math.round(b.bottom)}]`);
        }
      }
      // column headers on one line
      for (const th of document.querySelectorAll('th')) {
        if (!shown(th) || !th.textContent.trim()) continue;
        const range = document.createRange(); range.selectNodeContents(th);
        const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
        if (tops.size > 1) out.push(`header wraps ${where(th)} "${text(th)}"`);
      }
      return [...new Set(out)];
    }
    """;

    public static async Task<IReadOnlyList<string>> ProblemsAsync(IPage page) => await page.EvaluateAsync<string[]>(Script);

    /// <summary>
    /// How many rows a table body or list has and how many are shown whole inside its panel ([all, whole]): rows that do
    /// not fit are clipped below or wrap into a hidden column.
    /// </summary>
    public static Task<int[]> RowsShownAsync(IPage page, string container) => page.EvaluateAsync<int[]>("""
        sel => { const l = document.querySelector(sel), p = l.closest('.panel').getBoundingClientRect(), rows = [...l.children];
                 return [rows.length, rows.filter(r => { const b = r.getBoundingClientRect(); return b.height > 0 && b.top >= p.top - 1 && b.bottom <= p.bottom + 1 && b.left >= p.left - 1 && b.right <= p.right + 1; }).length]; }
        """, container);
}
