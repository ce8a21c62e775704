//! Evidence files of the demo's progress updates, made in code and small: a one-page PDF through
//! the documents engine (a unit's short report or minutes), and a PNG drawn by hand (a bar
//! chart: an uncompressed deflate stream, CRC-32 and Adler-32 computed here). Both pass the app's
//! check by content (`tdkt_domain::evidence::check_file`), as an upload would.

use time::Date;

use tdkt_docs::{Block, DocDate, DocKind, Document, Format, Header, HeaderLayout, Signer};

/// An evidence file to attach to an update.
#[derive(Debug, Clone)]
pub enum Evidence {
    /// A one-page paper: its type, the unit's name (upper case) in the header, its title, one
    /// paragraph and who signs.
    Pdf {
        filename: &'static str,
        kind: DocKind,
        unit: &'static str,
        title: &'static str,
        text: &'static str,
        signer: (&'static str, &'static str),
    },
    /// A bar chart of monthly figures.
    Png {
        filename: &'static str,
        bars: &'static [u8],
    },
}

impl Evidence {
    pub fn filename(&self) -> &'static str {
        match self {
            Evidence::Pdf { filename, .. } | Evidence::Png { filename, .. } => filename,
        }
    }

    /// The file's bytes, as of `on`.
    pub fn bytes(&self, on: Date) -> Result<Vec<u8>, String> {
        match self {
            Evidence::Pdf {
                kind,
                unit,
                title,
                text,
                signer,
                ..
            } => {
                let header = Header {
                    layout: HeaderLayout::Standard,
                    governing_body: Some("SỞ KHOA HỌC VÀ CÔNG NGHỆ".into()),
                    issuing_body: (*unit).to_owned(),
                    number: None,
                    type_symbol: String::new(),
                    agency_symbol: String::new(),
                    place: "Bắc Giang".into(),
                    date: DocDate::full(on),
                };
                let mut doc = Document::new(
                    *kind,
                    header,
                    Signer {
                        authority: None,
                        position: signer.0.to_owned(),
                        note: None,
                        name: signer.1.to_owned(),
                    },
                );
                doc.summary = Some((*title).to_owned());
                doc.blocks = vec![Block::paragraph(*text)];
                tdkt_docs::render(&doc, Format::Pdf).map_err(|e| e.to_string())
            }
            Evidence::Png { bars, .. } => Ok(bar_chart(bars)),
        }
    }
}

/// The evidence attached to a few updates: (owner — staff code or unit code —, target index, the
/// month of the update, or 0 for the last one, the file).
const ATTACHED: &[(&str, usize, u8, Evidence)] = &[
    (
        "KHCN031",
        0,
        0,
        Evidence::Pdf {
            filename: "Báo cáo kết quả thẩm định hồ sơ nhiệm vụ KH&CN năm 2024.pdf",
            kind: DocKind::BaoCao,
            unit: "PHÒNG QUẢN LÝ KHOA HỌC",
            title: "Kết quả thẩm định hồ sơ nhiệm vụ khoa học và công nghệ năm 2024",
            text: "Năm 2024, tôi được phân công thẩm định hồ sơ các nhiệm vụ khoa học và công nghệ cấp tỉnh đặt hàng, tuyển chọn và giao trực tiếp. Các hồ sơ đều được thẩm định đúng thời hạn, có biên bản của tổ thẩm định kèm theo.",
            signer: ("NGƯỜI BÁO CÁO", "Phạm Thị Lan Anh"),
        },
    ),
    (
        "KHCN040",
        0,
        0,
        Evidence::Pdf {
            filename: "Biên bản nghiệm thu mô hình ứng dụng.pdf",
            kind: DocKind::BienBan,
            unit: "TRUNG TÂM ỨNG DỤNG KHOA HỌC VÀ CÔNG NGHỆ",
            title: "Nghiệm thu mô hình sản xuất nấm dược liệu tại hợp tác xã",
            text: "Hội đồng nghiệm thu cơ sở đã kiểm tra mô hình tại hiện trường, đánh giá mô hình đạt yêu cầu về quy trình kỹ thuật, năng suất và hiệu quả kinh tế; thống nhất nghiệm thu và đề nghị nhân rộng.",
            signer: (
                "TRƯỞNG PHÒNG ỨNG DỤNG VÀ CHUYỂN GIAO CÔNG NGHỆ",
                "Ngô Văn Khải",
            ),
        },
    ),
    (
        "CCTDC-DL",
        0,
        9,
        Evidence::Pdf {
            filename: "Báo cáo kiểm định phương tiện đo 9 tháng năm 2024.pdf",
            kind: DocKind::BaoCao,
            unit: "PHÒNG QUẢN LÝ ĐO LƯỜNG",
            title: "Kết quả kiểm định phương tiện đo 9 tháng năm 2024",
            text: "Trong 9 tháng năm 2024, Phòng đã kiểm định công tơ điện, đồng hồ nước, cột đo xăng dầu và cân thương mại theo kế hoạch; các phương tiện đo không đạt yêu cầu đã được thông báo cho cơ sở để sửa chữa hoặc thay thế.",
            signer: ("NGƯỜI LẬP BÁO CÁO", "Hoàng Văn Dũng"),
        },
    ),
    (
        "KHCN042",
        0,
        0,
        Evidence::Png {
            filename: "Biểu đồ kết quả kiểm định theo tháng.png",
            bars: &[18, 24, 30, 27, 35, 41, 38, 44, 47, 50, 52],
        },
    ),
    (
        "TTUD",
        2,
        8,
        Evidence::Png {
            filename: "Biểu đồ số lượt tập huấn theo tháng.png",
            bars: &[6, 12, 20, 25, 31, 36, 44],
        },
    ),
    (
        "VP",
        1,
        10,
        Evidence::Png {
            filename: "Thống kê tin bài đăng Cổng thông tin đến tháng 10.png",
            bars: &[12, 15, 14, 18, 20, 17, 22, 25, 24],
        },
    ),
];

/// The evidence a target's update carries, if any: `owner` is the staff code of a member's
/// registration or the unit code of a unit's, `last` whether it is the target's last update.
pub fn attached(owner: &str, target: usize, on: Date, last: bool) -> Option<Evidence> {
    ATTACHED
        .iter()
        .find(|(o, t, month, _)| {
            *o == owner
                && *t == target
                && if *month == 0 {
                    last
                } else {
                    u8::from(on.month()) == *month
                }
        })
        .map(|x| x.3.clone())
}

const W: usize = 120;
const H: usize = 64;

/// A 120×64 RGB bar chart: one blue bar per value (0–60), on white with a grey base line.
pub fn bar_chart(bars: &[u8]) -> Vec<u8> {
    let mut rows = Vec::with_capacity(H * (1 + W * 3));
    let n = bars.len().max(1);
    let slot = W / n;
    for y in 0..H {
        rows.push(0u8); // filter: none
        for x in 0..W {
            let rgb = if y == H - 2 {
                [150, 150, 150]
            } else {
                let i = x / slot.max(1);
                let inside = x % slot.max(1) >= 2 && x % slot.max(1) < slot.max(1) - 1;
                let top = (H - 2).saturating_sub(usize::from(*bars.get(i).unwrap_or(&0)));
                if i < n && inside && y >= top && y < H - 2 {
                    [31, 94, 168]
                } else {
                    [255, 255, 255]
                }
            };
            rows.extend_from_slice(&rgb);
        }
    }
    let mut png = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&(W as u32).to_be_bytes());
    ihdr.extend_from_slice(&(H as u32).to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]); // 8 bits, RGB, deflate, no filter, no interlace
    chunk(&mut png, b"IHDR", &ihdr);
    chunk(&mut png, b"IDAT", &zlib_stored(&rows));
    chunk(&mut png, b"IEND", &[]);
    png
}

fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    let start = out.len();
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let crc = crc32(&out[start..]);
    out.extend_from_slice(&crc.to_be_bytes());
}

/// A zlib stream of stored (uncompressed) deflate blocks.
fn zlib_stored(data: &[u8]) -> Vec<u8> {
    let mut out = vec![0x78, 0x01];
    let blocks: Vec<&[u8]> = data.chunks(65_535).collect();
    for (i, b) in blocks.iter().enumerate() {
        out.push(u8::from(i + 1 == blocks.len()));
        let len = b.len() as u16;
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&(!len).to_le_bytes());
        out.extend_from_slice(b);
    }
    let (mut a, mut b) = (1u32, 0u32);
    for &x in data {
        a = (a + u32::from(x)) % 65_521;
        b = (b + a) % 65_521;
    }
    out.extend_from_slice(&((b << 16) | a).to_be_bytes());
    out
}

fn crc32(data: &[u8]) -> u32 {
    let mut c = 0xFFFF_FFFFu32;
    for &x in data {
        c ^= u32::from(x);
        for _ in 0..8 {
            c = if c & 1 != 0 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
        }
    }
    !c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_checksums_are_the_standard_ones() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        let z = zlib_stored(b"Wikipedia");
        assert_eq!(&z[z.len() - 4..], &0x11E6_0398u32.to_be_bytes());
    }

    #[test]
    fn the_chart_is_a_png_by_content() {
        let png = bar_chart(&[10, 20, 30, 40]);
        assert_eq!(
            tdkt_domain::evidence::sniff(&png),
            Some(tdkt_domain::evidence::EvidenceKind::Png)
        );
        assert!(png.len() < 30_000);
    }
}
