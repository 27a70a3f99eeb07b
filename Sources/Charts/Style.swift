/// The look shared by every chart: neutral greys for the frame so the data colours carry the
/// meaning, and sizes in CSS pixels (multiplied by the canvas scale when drawn).
enum Style {
    static let background = RGBA(hex: 0xFFFFFF)
    static let title = RGBA(hex: 0x1A1A1A)
    static let label = RGBA(hex: 0x333333)
    static let tickLabel = RGBA(hex: 0x4D4D4D)
    static let axis = RGBA(hex: 0x595959)
    static let grid = RGBA(hex: 0xE8E8E8)
    static let legendFill = RGBA(hex: 0xFFFFFF, alpha: 0.88)
    static let legendBorder = RGBA(hex: 0xD0D0D0)
    /// Spy-plot entries: a dark navy reads as "ink" yet is softer than black.
    static let spyInk = RGBA(hex: 0x1B2A4A)
    /// Block dividers on matrix pictures: vermillion stands out on both white and viridis.
    static let divider = RGBA(hex: 0xD55E00)
    /// Heatmap cells whose value is NaN.
    static let missing = RGBA(hex: 0xD9D9D9)

    // Type sizes (CSS px).
    static let figureTitleSize = 15.0
    static let panelTitleSize = 13.0
    static let axisLabelSize = 12.0
    static let tickLabelSize = 11.0
    static let legendSize = 11.0

    // Line widths and lengths (CSS px).
    static let lineWidth = 2.0
    static let axisWidth = 1.0
    static let gridWidth = 1.0
    static let tickLength = 4.0
    static let dividerWidth = 1.0
    static let outlineWidth = 1.25

    /// Height of the band above the panels that holds a figure title (CSS px).
    static let figureTitleBand = 32
}
