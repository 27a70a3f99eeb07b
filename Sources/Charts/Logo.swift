/// RecBook's logo, drawn rather than stored: a small bipartite graph — three users on the left,
/// three movies on the right, the ratings between them — the picture every walkthrough starts
/// from. Jupyter shows it beside the kernel's name.
public enum Logo {
    /// A square PNG `pixels` wide.
    public static func png(pixels: Int) throws(ChartError) -> [UInt8] {
        let canvas = try Canvas(width: pixels, height: pixels, scale: Double(pixels) / 64, fonts: .dejaVu)
        canvas.fill(PixelRect(x: 0, y: 0, width: pixels, height: pixels), RGBA(hex: 0x1F3A5F))
        let users = [14.0, 32, 50].map { Point(x: canvas.px(16), y: canvas.px($0)) }
        let items = [14.0, 32, 50].map { Point(x: canvas.px(48), y: canvas.px($0)) }
        let ratings = [(0, 0), (0, 1), (1, 0), (1, 2), (2, 1), (2, 2)]
        for (user, item) in ratings {
            canvas.strokePolyline([users[user], items[item]], width: canvas.px(2.5), RGBA(hex: 0xC9D6E8))
        }
        for point in users { canvas.fillDisk(centre: point, radius: canvas.px(7), RGBA(hex: 0xF2A541)) }
        for point in items { canvas.fillDisk(centre: point, radius: canvas.px(7), RGBA(hex: 0x5FB49C)) }
        return try canvas.pngBytes()
    }
}
