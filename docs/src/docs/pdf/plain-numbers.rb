# prawn-svg writes a diagram's letter spacing as Ruby prints a float, 2.5e-05 say; a PDF has no exponents, and
# poppler's viewers (evince, okular, pdftoppm) stop drawing the diagram there. Write such numbers plainly.
require 'prawn'

module PlainNumbers
  EXPONENT = /-?\d+(?:\.\d+)?e[-+]?\d+(?= T[cz]\b)/

  def add_content(str)
    # Most content has no such number: match? allocates nothing, where gsub copies every string.
    super(EXPONENT.match?(str) ? str.gsub(EXPONENT) { |number| PDF::Core.real(Float(number)) } : str)
  end
end

Prawn::Document.prepend PlainNumbers
