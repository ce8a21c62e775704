//! Golden values: money in words (DOMAIN.md §4.5, northern usage), digits, dates (Decree 30).

use tdkt_docs::DocDate;
use tdkt_docs::dates::{format_long, format_short, parse_short, place_and_date};
use tdkt_docs::words::{group_thousands, money_in_digits, money_in_words, number_in_words};
use time::macros::date;

#[test]
fn money_in_words_as_the_domain_brief_writes_it() {
    assert_eq!(money_in_words(710_000), "Bảy trăm mười nghìn đồng");
    assert_eq!(
        money_in_words(1_880_000),
        "Một triệu tám trăm tám mươi nghìn đồng"
    );
    assert_eq!(
        money_in_words(1_005_000),
        "Một triệu không trăm linh năm nghìn đồng"
    );
    assert_eq!(money_in_words(24_000), "Hai mươi tư nghìn đồng");
}

#[test]
fn reward_amounts_of_the_2024_rule_set() {
    // Decree 98 Art 53-58 amounts at 2,340,000 base salary, rounded up to 10,000.
    let cases = [
        (710_000, "Bảy trăm mười nghìn đồng"), // LĐTT 0.3
        (2_340_000, "Hai triệu ba trăm bốn mươi nghìn đồng"), // CSTĐCS 1.0
        (1_880_000, "Một triệu tám trăm tám mươi nghìn đồng"), // TTLĐTT 0.8
        (3_510_000, "Ba triệu năm trăm mười nghìn đồng"), // TTLĐXS 1.5
        (7_020_000, "Bảy triệu không trăm hai mươi nghìn đồng"), // CSTĐ tỉnh 3.0
        (18_720_000, "Mười tám triệu bảy trăm hai mươi nghìn đồng"), // Cờ tỉnh 8.0
        (
            28_080_000,
            "Hai mươi tám triệu không trăm tám mươi nghìn đồng",
        ), // Cờ CP 12.0
        (540_000, "Năm trăm bốn mươi nghìn đồng"), // 0.3 × 1,800,000
        (415_000, "Bốn trăm mười lăm nghìn đồng"),
        (1_021_000, "Một triệu không trăm hai mươi mốt nghìn đồng"),
        (1_000_000, "Một triệu đồng"),
        (0, "Không đồng"),
    ];
    for (amount, words) in cases {
        assert_eq!(money_in_words(amount), words, "{amount}");
    }
}

#[test]
fn numbers_in_words() {
    assert_eq!(number_in_words(94), "chín mươi tư");
    assert_eq!(number_in_words(134), "một trăm ba mươi tư");
    assert_eq!(number_in_words(1_000_000_000), "một tỷ");
    assert_eq!(
        number_in_words(3_000_000_021),
        "ba tỷ không trăm hai mươi mốt"
    );
}

#[test]
fn money_digits() {
    assert_eq!(money_in_digits(710_000), "710.000 đồng");
    assert_eq!(group_thousands(1_880_000), "1.880.000");
    assert_eq!(group_thousands(999), "999");
    assert_eq!(group_thousands(1_000), "1.000");
}

#[test]
fn dates_short_and_long() {
    assert_eq!(format_short(date!(2024 - 02 - 05)), "05/02/2024");
    assert_eq!(format_short(date!(2024 - 11 - 05)), "05/11/2024");
    assert_eq!(
        format_long(date!(2024 - 02 - 05)),
        "ngày 05 tháng 02 năm 2024"
    );
    assert_eq!(
        format_long(date!(2024 - 01 - 31)),
        "ngày 31 tháng 01 năm 2024"
    );
    assert_eq!(
        format_long(date!(2024 - 06 - 05)),
        "ngày 05 tháng 6 năm 2024"
    );
    assert_eq!(
        format_long(date!(2024 - 10 - 19)),
        "ngày 19 tháng 10 năm 2024"
    );
    assert_eq!(parse_short("31/01/2024"), Some(date!(2024 - 01 - 31)));
    assert_eq!(parse_short("05/6/2024"), Some(date!(2024 - 06 - 05)));
}

#[test]
fn place_and_date_lines_issued_and_draft() {
    assert_eq!(
        place_and_date("Bắc Giang", &DocDate::full(date!(2024 - 02 - 05))),
        "Bắc Giang, ngày 05 tháng 02 năm 2024"
    );
    let draft = place_and_date(
        "Bắc Giang",
        &DocDate::MonthYear {
            month: 1,
            year: 2024,
        },
    );
    assert_eq!(draft, "Bắc Giang, ngày     tháng 01 năm 2024");
    assert_eq!(
        super::ooxml::norm(&draft),
        "Bắc Giang, ngày tháng 01 năm 2024"
    );
    let blank = place_and_date("Bắc Giang", &DocDate::Year { year: 2024 });
    assert_eq!(super::ooxml::norm(&blank), "Bắc Giang, ngày tháng năm 2024");
}

#[test]
fn dates_serialise_as_iso_strings() {
    let d = DocDate::full(date!(2024 - 02 - 05));
    let json = serde_json::to_string(&d).expect("json");
    assert_eq!(json, r#"{"state":"full","date":"2024-02-05"}"#);
    assert_eq!(serde_json::from_str::<DocDate>(&json).expect("back"), d);
}
