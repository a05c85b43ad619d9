-- Pandoc filter for the report's PDF (scripts/report.py): tables as Typst
-- should set them.
--
-- - Column widths: pandoc's HTML reader gives a table with long cells
--   fixed, equal widths (10 columns: 10% each), which squeezes a column of
--   numbers as much as one of sentences. Default widths become Typst's
--   `auto` columns: each as wide as its content, the widest wrapped to fit
--   the page.
-- - Alignment: the crate marks number cells class="num" (right-aligned in
--   its HTML); a column whose body cells all are gets right alignment.
function Table(t)
  local numeric = {}
  for i = 1, #t.colspecs do numeric[i] = true end
  local rows = 0
  for _, body in ipairs(t.bodies) do
    for _, row in ipairs(body.body) do
      rows = rows + 1
      for i, cell in ipairs(row.cells) do
        -- An empty cell says nothing of its column; a spanning one (the
        -- crate's "… N more rows …") neither.
        if cell.col_span == 1 and #cell.contents > 0 and not cell.classes:includes("num") then
          numeric[i] = false
        end
      end
    end
  end
  for i, spec in ipairs(t.colspecs) do
    local align = (rows > 0 and numeric[i]) and pandoc.AlignRight or spec[1]
    t.colspecs[i] = {align, pandoc.ColWidthDefault}
  end
  return t
end
