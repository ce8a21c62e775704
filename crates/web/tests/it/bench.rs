//! Not a test: `bench/import.sh` runs this ignored helper to write the workbook it imports
//! (`TDKT_BENCH_XLSX`: where; `TDKT_BENCH_ROWS`: how many people, default 10,000;
//! `TDKT_BENCH_UNITS`: comma-separated unit codes of the demo's Sở KH&CN).

use crate::harness::sheets::{people_xlsx, row};

const FAMILY: &[&str] = &[
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
    "Hồ", "Ngô", "Dương", "Lý", "Đào", "Đinh", "Lương", "Triệu",
];
const MIDDLE: &[&str] = &[
    "Văn",
    "Thị",
    "Đức",
    "Minh",
    "Thu",
    "Ngọc",
    "Quang",
    "Thanh",
    "Hữu",
    "Thị Thu",
    "Xuân",
    "Bảo",
];
const GIVEN: &[&str] = &[
    "An", "Anh", "Ánh", "Bình", "Chi", "Cường", "Dũng", "Duyên", "Giang", "Hà", "Hải", "Hạnh",
    "Hiếu", "Hoa", "Hoà", "Hùng", "Hương", "Khoa", "Lan", "Linh", "Long", "Mai", "Nam", "Nga",
    "Ngọc", "Phong", "Phương", "Quân", "Quỳnh", "Sơn", "Tâm", "Thảo", "Thắng", "Trang", "Trung",
    "Tuấn", "Uyên", "Việt", "Vinh", "Yến",
];

#[test]
#[ignore = "a helper of bench/import.sh, not a test"]
fn write_import_workbook() {
    let Some(path) = std::env::var_os("TDKT_BENCH_XLSX") else {
        eprintln!("TDKT_BENCH_XLSX is not set: nothing written");
        return;
    };
    let n: usize = std::env::var("TDKT_BENCH_ROWS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10_000);
    let units: Vec<String> = std::env::var("TDKT_BENCH_UNITS")
        .unwrap_or_else(|_| "VP,TTRA,KHTC,QLKH,QLCN,QLCNG,CCTDC,TTUD".into())
        .split(',')
        .map(|s| s.trim().to_owned())
        .collect();
    let rows: Vec<Vec<String>> = (0..n)
        .map(|i| {
            let name = format!(
                "{} {} {}",
                FAMILY[i % FAMILY.len()],
                MIDDLE[(i / 7) % MIDDLE.len()],
                GIVEN[(i * 13 + i / 97) % GIVEN.len()]
            );
            let born = format!(
                "{:02}/{:02}/{}",
                1 + i % 28,
                1 + (i / 28) % 12,
                1965 + i % 35
            );
            let gender = if MIDDLE[(i / 7) % MIDDLE.len()].contains("Thị") {
                "Nữ"
            } else {
                "Nam"
            };
            row(
                &format!("BENCH{:05}", i + 1),
                &name,
                &born,
                gender,
                &units[i % units.len()],
            )
        })
        .collect();
    let bytes = people_xlsx(&rows);
    std::fs::write(&path, &bytes).expect("write the workbook");
    eprintln!(
        "wrote {n} people ({} bytes) to {}",
        bytes.len(),
        path.to_string_lossy()
    );
}
