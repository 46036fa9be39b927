-- One pandoc run for the whole book: each top-level Div of the document is one question (a
-- chapter's citations, or the bibliography), formatted on its own by citeproc, so that first
-- notes, short notes and "ibid." start again in every chapter, with the document's references,
-- style and locale. A Div with the class "bibliography" also gets the bibliography.
function Pandoc(doc)
  local answers = {}
  for _, block in ipairs(doc.blocks) do
    local meta = {}
    for key, value in pairs(doc.meta) do meta[key] = value end
    meta["suppress-bibliography"] = not block.classes:includes("bibliography")
    local done = pandoc.utils.citeproc(pandoc.Pandoc(block.content, meta))
    answers[#answers + 1] = pandoc.Div(done.blocks, block.attr)
  end
  return pandoc.Pandoc(answers, doc.meta)
end
