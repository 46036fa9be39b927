// The web edition's one script: the search box. Without JavaScript the box stays hidden and a
// <noscript> line says so; everything else on the site (notes, links, the index) needs no script.
// The index (search.js, made by book/writers/web/search.py) is loaded the first time it is used.
(function () {
  'use strict'
  const form = document.querySelector('form.search')
  if (!form) return
  const box = form.querySelector('input')
  const out = form.querySelector('.search-results')
  // A word as search.py reads it: letters and digits; each Han, kana or Hangul character alone.
  const CJK = '\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af'
  const WORD = new RegExp('[' + CJK + ']|(?:(?![' + CJK + '])[\\p{L}\\p{N}_])+', 'gu')
  const words = text => text.toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '').match(WORD) || []

  function load (then) {
    if (window.bookSearchIndex) return then()
    const script = document.createElement('script')
    script.src = 'search.js'
    script.onload = then
    document.head.appendChild(script)
  }

  function pagesWith (terms, index) {
    let pages = null
    terms.forEach((term, i) => {
      const prefix = i === terms.length - 1 // the word being typed: any word it begins
      const hits = new Set()
      for (const [word, numbers] of Object.entries(index.words)) {
        if (word === term || (prefix && word.startsWith(term))) numbers.forEach(n => hits.add(n))
      }
      pages = pages === null ? hits : new Set([...pages].filter(n => hits.has(n)))
    })
    return [...pages].sort((a, b) => a - b).map(n => index.pages[n])
  }

  function list (title, links) {
    if (!links.length) return ''
    const items = links.map(([href, text]) => {
      const a = document.createElement('a')
      a.href = href
      a.textContent = text
      return '<li>' + a.outerHTML + '</li>'
    })
    const heading = document.createElement('p')
    heading.className = 'search-heading'
    heading.textContent = title
    return heading.outerHTML + '<ul>' + items.join('') + '</ul>'
  }

  function show () {
    const terms = words(box.value)
    if (!terms.length) { out.innerHTML = ''; return }
    const index = window.bookSearchIndex
    const names = index.names.filter(([heading]) => terms.every(t => words(heading).some(w => w.startsWith(t))))
    const html = list(form.dataset.names, names.map(([heading, href]) => [href, heading])) +
      list(form.dataset.pages, pagesWith(terms, index))
    out.innerHTML = html
    if (!html) { const none = document.createElement('p'); none.textContent = form.dataset.none; out.appendChild(none) }
  }

  form.hidden = false
  box.addEventListener('input', () => load(show))
  form.addEventListener('submit', event => {
    event.preventDefault()
    load(() => { show(); const first = out.querySelector('a'); if (first) first.click() })
  })
})()
