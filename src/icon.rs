//! The application icon: 民 in white on a deep-red rounded square (`assets/icon.png`, made
//! by `assets/make_icon.py`), shown by the window and kept for packaging.

/// The icon as the PNG file, 256 × 256.
pub const ICON_PNG: &[u8] = include_bytes!("../assets/icon.png");

/// The icon decoded for the window, with the PNG decoder eframe already has. `None` only if
/// the committed file were broken, which a test rules out; the window then opens without it.
pub fn window_icon() -> Option<egui::IconData> {
    eframe::icon_data::from_png_bytes(ICON_PNG).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_icon_decodes_to_a_red_square_with_transparent_corners() {
        let icon = window_icon().expect("assets/icon.png decodes");
        assert_eq!((icon.width, icon.height), (256, 256));
        let pixel = |x: usize, y: usize| {
            let at = 4 * (y * 256 + x);
            <[u8; 4]>::try_from(&icon.rgba[at..at + 4]).expect("four bytes")
        };
        assert_eq!(pixel(0, 0)[3], 0, "corner not transparent");
        assert_eq!(pixel(20, 128), [0xC8, 0x10, 0x2E, 255], "edge not the red");
    }
}
