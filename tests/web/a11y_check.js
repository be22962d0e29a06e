// Accessibility problems on the page: fields without a label, text under WCAG AA contrast.
// Evaluated by tests/web/test_browser.py (page.evaluate); returns a list of strings, empty when none.
() => {
  const problems = [];
  for (const el of document.querySelectorAll('input:not([type=hidden]), textarea, select')) {
    if (!(el.labels && el.labels.length) && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby'))
      problems.push('no label: ' + (el.id || el.name));
  }
  const parse = s => (s.match(/[\d.]+/g) || []).map(Number);
  const lum = c => c.slice(0, 3).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); })
                    .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
  const background = el => { for (; el; el = el.parentElement) { const c = parse(getComputedStyle(el).backgroundColor);
                                if (!(c.length === 4 && c[3] === 0)) return c; } return [255, 255, 255]; };
  for (const el of document.body.querySelectorAll('*')) {
    const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (!own || !el.getClientRects().length || ['SCRIPT', 'STYLE', 'OPTION', 'DATALIST'].includes(el.tagName)) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || el.closest('.skip, .sr-only')) continue;
    const [a, b] = [lum(parse(style.color)), lum(background(el))];
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    const size = parseFloat(style.fontSize), bold = parseInt(style.fontWeight) >= 700;
    const needed = size >= 24 || (size >= 18.66 && bold) ? 3 : 4.5;
    if (ratio < needed) problems.push(`contrast ${ratio.toFixed(2)} < ${needed}: ${el.tagName} "${el.textContent.trim().slice(0, 40)}"`);
  }
  return problems;
}
