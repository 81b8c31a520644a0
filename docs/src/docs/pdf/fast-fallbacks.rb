# With font fallbacks in the theme, prawn (through asciidoctor-pdf's override) asks which font has each
# character by switching the document's font for every character of every fragment, each time a box is laid
# out, dry runs included: most of a book's conversion. The answer for a character depends only on the document,
# the fragment's font and style, and the fallbacks, so ask once and remember it. What is drawn does not change.
require 'asciidoctor/pdf'

module FastFallbacks
  # Same result as the method this overrides: the styles as it works them out, then each character's font.
  def analyze_glyphs_for_fallback_font_support(fragment_hash)
    return [fragment_hash] if fragment_hash[:image_obj]
    fragment_font = fragment_hash[:font] || (original_font = @document.font.family)
    effective_font_styles = @document.font_styles
    fragment_font_opts = {}
    if (fragment_font_styles = fragment_hash[:styles])
      effective_font_styles.merge fragment_font_styles
      if effective_font_styles.include? :bold
        fragment_font_opts[:style] = (effective_font_styles.include? :italic) ? :bold_italic : :bold
      elsif effective_font_styles.include? :italic
        fragment_font_opts[:style] = :italic
      end
    elsif !effective_font_styles.empty?
      fragment_font_opts[:style] = @document.resolve_font_style effective_font_styles
    end
    text = fragment_hash[:text]
    fonts = fallback_memo fragment_font, fragment_font_opts
    # ASCII the fragment's own font has throughout stays one fragment in that font, as prawn would make it.
    if text.ascii_only? && !text.empty? && !(fonts[:ascii_missing].match? text)
      fragment = fragment_hash.dup
      fragment[:text] = text.dup
      fragment[:font] = fragment_font unless original_font
      return [fragment]
    end
    chars = fonts[:chars]
    font_glyph_pairs = text.each_char.map do |char|
      [chars.fetch(char) { chars[char] = fallback_font_for(char, fragment_font, fragment_font_opts) }, char]
    end
    # NOTE: don't add a :font to fragment if it wasn't there originally
    font_glyph_pairs.each {|pair| pair[0] = nil if pair[0] == original_font } if original_font
    form_fragments_from_like_font_glyph_pairs font_glyph_pairs, fragment_hash
  end

  private

  # The original search, warning included (it warns once per character and document, so asking once loses none).
  def fallback_font_for(char, fragment_font, fragment_font_opts)
    @document.save_font do
      find_font_for_this_glyph char, fragment_font, fragment_font_opts, (@fallback_fonts.drop 0)
    end
  end

  # Per document (the scratch one too), font, style and fallbacks: the fonts found so far for each character,
  # and the ASCII characters that the font itself lacks (NUL aside, which prawn never looks for).
  def fallback_memo(fragment_font, fragment_font_opts)
    memos = (@document.instance_variable_get :@fast_fallbacks) || (@document.instance_variable_set :@fast_fallbacks, {})
    memos[[fragment_font, fragment_font_opts, @fallback_fonts]] ||= begin
      missing = @document.save_font do
        @document.font fragment_font, fragment_font_opts
        (1..127).map(&:chr).reject {|char| @document.font.glyph_present? char }
      end
      { chars: {}, ascii_missing: missing.empty? ? /(?!)/ : (Regexp.new %([#{missing.map {|char| format '\\x%02X', char.ord }.join}])) }
    end
  end
end

Prawn::Text::Formatted::Box.prepend FastFallbacks
