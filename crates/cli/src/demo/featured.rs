//! The illustrative cast of the demo: the people whose history was written by hand so that the
//! verdicts of evaluation year 2024 (review date 15/12/2024) show every ladder of DOMAIN.md §4.
//! The rule engine and the browser tests rely on this table; change it only together with them.
//! The tests of this module run `tdkt rules evaluate` (crates/rules) on this world and check that
//! every verdict below comes out, and that the titles of 2020–2023 are those the engine confirms.
//!
//! Rule sets: titles of 2020–2023 were conferred under the 2017 set (Law 2003/2013, Decree
//! 91/2017: a CSTĐCS needs LĐTT **and** an initiative or an accepted S&T task; HTXSNV alone is no
//! ground; LĐTT excludes hires of under 10 months; CSTĐCS at most 15% of LĐTT per unit); 2024 is
//! evaluated under the 2024 set (DOMAIN.md §4.1: HTXSNV is a CSTĐCS ground; new hires under 6
//! months are excluded). 2024 titles are not stored: the engine computes them.
//!
//! | Code | Name | Unit | Illustrates | Expected 2024 verdicts |
//! |---|---|---|---|---|
//! | KHCN040 | Ngô Văn Khải | TTUD | CSTĐ cấp tỉnh, eligible (§4.1) | LĐTT ✓; CSTĐCS ✓ (ground HTXSNV); **CSTD_TINH ✓**: CSTĐCS 2022 (initiative SK-2022-040), 2023 (S&T task NV-2023-040) and 2024 = 3 consecutive years, and the province-scope initiative SKT-2024-040 recognised by the province (1187/QĐ-UBND); BK_TINH ✗ (only one initiative not used as a CSTĐCS ground in 2023–2024); BK_TTG ✗ (no earlier Bằng khen) |
//! | KHCN041 | Đỗ Thị Thanh Tâm | VP | CSTĐ cấp tỉnh, one year short | LĐTT ✓; CSTĐCS ✓ (ground: initiative SKT-2024-041); **CSTD_TINH ✗**: CSTĐCS only 2023 and 2024 (2022 was LĐTT only), so not 3 consecutive — earliest 2025, although she has a province-scope initiative; BK_TINH ✗ (both initiatives of 2023–2024 were CSTĐCS grounds) |
//! | KHCN042 | Hoàng Văn Dũng | CCTDC-DL | Bằng khen UBND tỉnh path (d), eligible (§4.3) | LĐTT ✓; CSTĐCS ✓ (HTXSNV); **BK_TINH ✓**: CSTĐCS 2023 and 2024, and HTXSNV 2023 and 2024, with two grassroots initiatives in 2023–2024 (SK-2023-042B, SK-2024-042) that were not the ground of a CSTĐCS (SK-2023-042A was, for 2023) |
//! | KHCN043 | Bùi Thị Ngọc Ánh | QLKH | Bằng khen UBND tỉnh path (d), short by one initiative | LĐTT ✓; CSTĐCS ✓ (HTXSNV); **BK_TINH ✗**: HTXSNV 2023 and 2024 but only one initiative (SK-2024-043) in the window — needs two; no CSTĐCS in 2023 (HTXSNV alone was no ground under the 2017 set) |
//! | KHCN044 | Trần Quang Huy | TTUD | Bằng khen Thủ tướng path (b), eligible (§4.3) | LĐTT ✓; CSTĐCS ✓ (HTXSNV); **BK_TTG ✓**: BK_TINH 356/QĐ-UBND of 12/03/2020 for 2018–2019, then 2020–2024 = 5 consecutive years HTTNV or better, with CSTĐCS 2021, 2023 and 2024 (3) in that window; CSTD_TINH ✗; BK_TINH ✗ |
//! | KHCN045 | Lương Thị Hồng Nhung | CCTDC-TC | Bằng khen Thủ tướng, one year short | LĐTT ✓; CSTĐCS ✓ (HTXSNV); **BK_TTG ✗**: BK_TINH 412/QĐ-UBND of 05/03/2021 for 2019–2020, so the window is 2021–2024 = 4 years (needs 5) although it holds 3 CSTĐCS (2021, 2023, 2024) — earliest 2025; BK_TINH ✗ |
//! | KHCN046 | Phan Đức Mạnh | TTUD | Huân chương Lao động hạng Ba path (e) candidate (§4.3) | LĐTT ✓; CSTĐCS ✓ (HTXSNV); BK_TTG 738/QĐ-TTg of 14/06/2019 for 2014–2018, then 2020–2024 HTTNV or better with HTXSNV 2022 and 2024 and CSTĐCS 2020, 2022, 2024 → **HCLD3 candidate** (not a code the engine reports yet; its **BK_TTG ✓** verdict reads the same window — the office proposes the higher form, Law Art 5.2: one achievement, one form); CSTD_TINH ✗ (no CSTĐCS 2023, though his 2022 S&T task NVT-2022-046 has province scope) |
//! | KHCN047 | Lý Thị Hà My | QLCNG | New hire (§4.1, TT 01/2024) | Recruited 17/06/2024: 182 days worked, so rated HTTNV, but **LĐTT ✗**: recruited less than 6 months before 15/12/2024 (17/06 + 6 months = 17/12) |
//! | KHCN048 | Dương Văn Toàn | TTUD | Labour contract counts (§4.4) | Labour contract from 01/03/2024, appointed viên chức 01/10/2024: **LĐTT ✓** — the 6 months count from the contract |
//! | KHCN049 | Vũ Thị Phương Thảo | VP | Maternity leave counts as work (§4.1, Decree 98 Art 4(5)) | Maternity leave 19/02–18/08/2024, rated HTTNV: **LĐTT ✓** |
//! | KHCN050 | Đinh Văn Tuấn | KHTC | Long absence (§4.1, Decree 90 Art 2.3) | Sick leave 04/03–11/06/2024 = 100 days (90–179 days not counting as work): rated HTNV, **LĐTT ✗** |
//! | KHCN051 | Đào Xuân Trường | CCTDC-DL | Discipline (§4.1, Decree 48/2023) | Khiển trách effective 10/03/2024 (until 09/03/2025): rated KHTNV, **every title ✗**; also keeps his unit from TTLĐXS |
//! | KHCN052 | Trịnh Thị Mai | QLCN | Pending case (§4.1, Decree 98 Art 4(4)) | Unresolved complaint opened 18/11/2024: **every code deferred** (she would otherwise be LĐTT and CSTĐCS on initiative SK-2024-052) |
//! | KHCN053 | Hồ Minh Đức | TTUD | Not rated (§4.1) | Recruited 03/09/2024: under 6 months of work, **not rated**, LĐTT ✗ |
//! | KHCN054 | Nông Thị Hương | TTUD | Rating not yet entered | 2024 rating missing (dashboard “chưa xếp loại”): LĐTT ✗ until it is entered |
//! | KHCN055 | Lê Văn Sơn | TTUD | Rating not yet entered | as KHCN054 (người lao động, driver) |
//! | KHCN056 | Nguyễn Thị Bích Ngọc | VP | A Bằng khen tỉnh in history | BK_TINH 287/QĐ-UBND of 25/02/2022 for 2020–2021 (HTXSNV 2020–2021, two initiatives); 2024: LĐTT ✓, nothing higher (BK_TTG window 2022–2024 too short) |
//! | KHCN057 | Phạm Văn Long | TTUD | A Bằng khen tỉnh in history | BK_TINH 305/QĐ-UBND of 08/03/2023 for 2021–2022; 2024: LĐTT ✓ |
//! | KHCN058 | Đặng Thị Kim Oanh | QLCN | A Bằng khen tỉnh in history | BK_TINH 318/QĐ-UBND of 14/03/2024 for 2022–2023 (the window for the next one starts in 2024); 2024: LĐTT ✓ |
//!
//! Units in 2024 (direct members only, spec/rules-evaluate.md): **VP** and **QLKH** are rated
//! HTXSNV, every member HTNV or better, at least 70% LĐTT and a CSTĐCS → **TTLĐXS ✓** (§4.2);
//! **CCTDC-DL** is rated HTXSNV but KHCN051 is KHTNV → TTLĐXS ✗, TTLĐTT ✓; **TTRA** and the other
//! units are rated HTTNV → **TTLĐTT ✓ only**. “Lãnh đạo Sở” (LD) is the leadership, not a
//! collective: it has no unit rating, so neither collective title.
//!
//! Others: Triệu Ngọc Trung (KHCN002), a real official, has a neutral record — HTTNV and LĐTT
//! every year, nothing else. The director (KHCN001) holds a thematic (chuyên đề) Bằng khen of 2021
//! for the 60 years of the provincial S&T sector, which never counts toward a ladder (§4.3). Generic
//! staff have HTXSNV within 20% of each unit's HTTNV-or-better members and, in 2020–2023, CSTĐCS
//! within 15% of each unit's LĐTT, each CSTĐCS resting on its own initiative or S&T task; none of
//! them meets a ladder above CSTĐCS in 2024.

use time::Date;
use time::macros::date;

use tdkt_domain::person::{Category, Gender};

/// An initiative (sáng kiến) or accepted S&T task of the cast. `reference` is the recognising
/// decision; `None` uses the agency's decision of that year.
pub struct Init {
    pub code: &'static str,
    pub year: i32,
    pub kind: &'static str,
    pub scope: &'static str,
    pub title: &'static str,
    pub reference: Option<(&'static str, Date)>,
}

/// A form of commendation received.
pub struct Aw {
    pub code: &'static str,
    pub kind: &'static str,
    pub decided_on: Date,
    pub period: Option<(i32, i32)>,
    pub decision_no: &'static str,
    pub issuer: &'static str,
    pub reason: &'static str,
}

/// A person of the illustrative cast and the history written for them.
pub struct Featured {
    pub code: &'static str,
    pub name: &'static str,
    pub gender: Gender,
    pub born: Date,
    pub unit: &'static str,
    pub position: &'static str,
    pub rank: Option<&'static str>,
    pub category: Category,
    /// Continuous work at the agency began (labour contract included).
    pub started: Date,
    /// Appointed (tuyển dụng, bổ nhiệm ngạch); `None` for a labour contract.
    pub appointed: Option<Date>,
    pub ethnicity: &'static str,
    pub hometown: &'static str,
    pub qualifications: &'static str,
    pub political_theory: Option<&'static str>,
    /// Ratings of 2020..=2024; `None`: not rated.
    pub ratings: [Option<&'static str>; 5],
    /// CSTĐCS conferred: (year, code of the initiative or S&T task it rested on).
    pub cstdcs: &'static [(i32, &'static str)],
    pub initiatives: &'static [Init],
    pub awards: &'static [Aw],
    /// (from, to, kind, note).
    pub absence: Option<(Date, Date, &'static str, &'static str)>,
    /// (level, effective on, until, note).
    pub discipline: Option<(&'static str, Date, Option<Date>, &'static str)>,
    /// (kind, opened on, note).
    pub pending: Option<(&'static str, Date, &'static str)>,
}

const XS: Option<&str> = Some("HTXSNV");
const T: Option<&str> = Some("HTTNV");
const HT: Option<&str> = Some("HTNV");
const KHT: Option<&str> = Some("KHTNV");

/// Who signs the province's decisions.
pub const CHU_TICH: &str = "Chủ tịch UBND tỉnh Bắc Giang";

const BASE: Featured = Featured {
    code: "",
    name: "",
    gender: Gender::Nam,
    born: date!(1985 - 01 - 01),
    unit: "",
    position: "Chuyên viên",
    rank: Some("Chuyên viên"),
    category: Category::CongChuc,
    started: date!(2010 - 01 - 01),
    appointed: None,
    ethnicity: "Kinh",
    hometown: "",
    qualifications: "",
    political_theory: None,
    ratings: [T, T, T, T, T],
    cstdcs: &[],
    initiatives: &[],
    awards: &[],
    absence: None,
    discipline: None,
    pending: None,
};

const fn co_so(code: &'static str, year: i32, title: &'static str) -> Init {
    Init {
        code,
        year,
        kind: "initiative",
        scope: "co_so",
        title,
        reference: None,
    }
}

const fn task(code: &'static str, year: i32, title: &'static str) -> Init {
    Init {
        code,
        year,
        kind: "st_task",
        scope: "co_so",
        title,
        reference: None,
    }
}

const fn bk_tinh(
    decided_on: Date,
    from: i32,
    to: i32,
    no: &'static str,
    reason: &'static str,
) -> Aw {
    Aw {
        code: "BK_TINH",
        kind: "cong_trang",
        decided_on,
        period: Some((from, to)),
        decision_no: no,
        issuer: CHU_TICH,
        reason,
    }
}

/// The illustrative cast (see the module documentation).
pub const FEATURED: &[Featured] = &[
    Featured {
        code: "KHCN040",
        name: "Ngô Văn Khải",
        born: date!(1982 - 05 - 14),
        unit: "TTUD",
        position: "Trưởng phòng Ứng dụng và Chuyển giao công nghệ",
        rank: Some("Kỹ sư chính"),
        category: Category::VienChuc,
        started: date!(2006 - 09 - 01),
        appointed: Some(date!(2008 - 01 - 01)),
        hometown: "xã Tăng Tiến, thị xã Việt Yên, tỉnh Bắc Giang",
        qualifications: "Thạc sĩ Công nghệ sinh học",
        political_theory: Some("Trung cấp"),
        ratings: [T, T, T, XS, XS],
        cstdcs: &[(2022, "SK-2022-040"), (2023, "NV-2023-040")],
        initiatives: &[
            co_so(
                "SK-2022-040",
                2022,
                "Quy trình chuyển giao mô hình trồng nấm sò cho hợp tác xã nông nghiệp",
            ),
            task(
                "NV-2023-040",
                2023,
                "Ứng dụng công nghệ nhà màng thông minh trong sản xuất rau an toàn tại Trung tâm",
            ),
            Init {
                code: "SKT-2024-040",
                year: 2024,
                kind: "initiative",
                scope: "tinh",
                title: "Mô hình chuyển giao công nghệ sản xuất nấm dược liệu cho các hợp tác xã trên địa bàn tỉnh",
                reference: Some(("1187/QĐ-UBND", date!(2024 - 11 - 08))),
            },
        ],
        ..BASE
    },
    Featured {
        code: "KHCN041",
        name: "Đỗ Thị Thanh Tâm",
        gender: Gender::Nu,
        born: date!(1985 - 10 - 02),
        unit: "VP",
        position: "Phó Chánh Văn phòng",
        rank: Some("Chuyên viên chính"),
        started: date!(2009 - 03 - 02),
        appointed: Some(date!(2009 - 03 - 02)),
        hometown: "xã Ngọc Thiện, huyện Tân Yên, tỉnh Bắc Giang",
        qualifications: "Thạc sĩ Quản lý công",
        political_theory: Some("Trung cấp"),
        ratings: [T, T, T, T, T],
        cstdcs: &[(2023, "SK-2023-041")],
        initiatives: &[
            co_so(
                "SK-2023-041",
                2023,
                "Giải pháp quản lý lịch công tác của Lãnh đạo Sở trên phần mềm dùng chung",
            ),
            Init {
                code: "SKT-2024-041",
                year: 2024,
                kind: "initiative",
                scope: "tinh",
                title: "Giải pháp liên thông văn bản điện tử có chữ ký số giữa các sở, ngành khối Văn hóa – Xã hội",
                reference: Some(("1203/QĐ-UBND", date!(2024 - 11 - 15))),
            },
        ],
        ..BASE
    },
    Featured {
        code: "KHCN042",
        name: "Hoàng Văn Dũng",
        born: date!(1984 - 07 - 21),
        unit: "CCTDC-DL",
        position: "Phó Trưởng phòng Quản lý Đo lường",
        rank: Some("Chuyên viên chính"),
        started: date!(2008 - 08 - 01),
        appointed: Some(date!(2008 - 08 - 01)),
        hometown: "xã Đồng Kỳ, huyện Yên Thế, tỉnh Bắc Giang",
        qualifications: "Kỹ sư Đo lường và tin học công nghiệp",
        political_theory: Some("Trung cấp"),
        ratings: [T, T, T, XS, XS],
        cstdcs: &[(2023, "SK-2023-042A")],
        initiatives: &[
            co_so(
                "SK-2023-042A",
                2023,
                "Quy trình kiểm định phương tiện đo điện tử",
            ),
            co_so(
                "SK-2023-042B",
                2023,
                "Giải pháp kiểm tra đo lường trong kinh doanh khí dầu mỏ hóa lỏng (LPG)",
            ),
            co_so(
                "SK-2024-042",
                2024,
                "Ứng dụng phần mềm quản lý chuẩn đo lường và lịch hiệu chuẩn chuẩn",
            ),
        ],
        ..BASE
    },
    Featured {
        code: "KHCN043",
        name: "Bùi Thị Ngọc Ánh",
        gender: Gender::Nu,
        born: date!(1987 - 03 - 09),
        unit: "QLKH",
        position: "Phó Trưởng phòng",
        rank: Some("Chuyên viên chính"),
        started: date!(2010 - 10 - 01),
        appointed: Some(date!(2012 - 01 - 01)),
        hometown: "xã Lãng Sơn, huyện Yên Dũng, tỉnh Bắc Giang",
        qualifications: "Thạc sĩ Quản lý khoa học và công nghệ",
        political_theory: Some("Trung cấp"),
        ratings: [T, T, T, XS, XS],
        initiatives: &[co_so(
            "SK-2024-043",
            2024,
            "Ứng dụng công nghệ số trong quản lý hồ sơ nhiệm vụ KH&CN",
        )],
        ..BASE
    },
    Featured {
        code: "KHCN044",
        name: "Trần Quang Huy",
        born: date!(1977 - 11 - 30),
        unit: "TTUD",
        position: "Phó Giám đốc Trung tâm",
        rank: Some("Nghiên cứu viên chính"),
        category: Category::VienChuc,
        started: date!(2001 - 07 - 02),
        appointed: Some(date!(2001 - 07 - 02)),
        hometown: "xã Mai Đình, huyện Hiệp Hòa, tỉnh Bắc Giang",
        qualifications: "Tiến sĩ Khoa học cây trồng",
        political_theory: Some("Cao cấp"),
        ratings: [T, T, T, T, XS],
        cstdcs: &[(2021, "SK-2021-044"), (2023, "NV-2023-044")],
        initiatives: &[
            co_so(
                "SK-2021-044",
                2021,
                "Quy trình sản xuất giống nấm linh chi đỏ trên giá thể mùn cưa keo",
            ),
            task(
                "NV-2023-044",
                2023,
                "Nghiên cứu ứng dụng công nghệ nuôi cấy mô sản xuất giống hoa lan hồ điệp",
            ),
        ],
        awards: &[bk_tinh(
            date!(2020 - 03 - 12),
            2018,
            2019,
            "356/QĐ-UBND",
            "Đã có thành tích xuất sắc trong công tác từ năm 2018 đến năm 2019",
        )],
        ..BASE
    },
    Featured {
        code: "KHCN045",
        name: "Lương Thị Hồng Nhung",
        gender: Gender::Nu,
        born: date!(1980 - 06 - 18),
        unit: "CCTDC-TC",
        position: "Trưởng phòng Quản lý Tiêu chuẩn Chất lượng",
        rank: Some("Chuyên viên chính"),
        started: date!(2004 - 02 - 16),
        appointed: Some(date!(2004 - 02 - 16)),
        ethnicity: "Tày",
        hometown: "xã Tuấn Đạo, huyện Sơn Động, tỉnh Bắc Giang",
        qualifications: "Kỹ sư Công nghệ thực phẩm",
        political_theory: Some("Trung cấp"),
        ratings: [XS, T, T, T, XS],
        cstdcs: &[
            (2020, "SK-2020-045"),
            (2021, "SK-2021-045"),
            (2023, "SK-2023-045"),
        ],
        initiatives: &[
            Init {
                code: "SK-2019-045",
                year: 2019,
                kind: "initiative",
                scope: "co_so",
                title: "Giải pháp hướng dẫn doanh nghiệp công bố tiêu chuẩn áp dụng cho sản phẩm",
                reference: Some(("158/QĐ-KHCN", date!(2019 - 11 - 22))),
            },
            co_so(
                "SK-2020-045",
                2020,
                "Quy trình kiểm tra chất lượng sản phẩm, hàng hóa nhóm 2 trong sản xuất",
            ),
            co_so(
                "SK-2021-045",
                2021,
                "Giải pháp hỗ trợ doanh nghiệp áp dụng mã số, mã vạch",
            ),
            co_so(
                "SK-2023-045",
                2023,
                "Mô hình điểm áp dụng công cụ Lean tại doanh nghiệp chế biến nông sản",
            ),
        ],
        awards: &[bk_tinh(
            date!(2021 - 03 - 05),
            2019,
            2020,
            "412/QĐ-UBND",
            "Đã có thành tích xuất sắc trong công tác từ năm 2019 đến năm 2020",
        )],
        ..BASE
    },
    Featured {
        code: "KHCN046",
        name: "Phan Đức Mạnh",
        born: date!(1971 - 01 - 08),
        unit: "TTUD",
        position: "Giám đốc Trung tâm",
        rank: Some("Nghiên cứu viên chính"),
        category: Category::VienChuc,
        started: date!(1995 - 09 - 01),
        appointed: Some(date!(1995 - 09 - 01)),
        hometown: "xã Phượng Sơn, huyện Lục Ngạn, tỉnh Bắc Giang",
        qualifications: "Tiến sĩ Công nghệ sinh học",
        political_theory: Some("Cao cấp"),
        ratings: [T, T, XS, T, XS],
        cstdcs: &[(2020, "NV-2020-046"), (2022, "NVT-2022-046")],
        initiatives: &[
            task(
                "NV-2020-046",
                2020,
                "Hoàn thiện quy trình sản xuất nấm đông trùng hạ thảo quy mô hàng hóa",
            ),
            Init {
                code: "NVT-2022-046",
                year: 2022,
                kind: "st_task",
                scope: "tinh",
                title: "Nghiên cứu ứng dụng công nghệ IoT giám sát môi trường nhà màng trồng rau an toàn tại Bắc Giang",
                reference: Some(("1562/QĐ-UBND", date!(2022 - 10 - 28))),
            },
        ],
        awards: &[
            bk_tinh(
                date!(2014 - 02 - 20),
                2012,
                2013,
                "198/QĐ-UBND",
                "Đã có thành tích xuất sắc trong công tác từ năm 2012 đến năm 2013",
            ),
            Aw {
                code: "BK_TTG",
                kind: "cong_trang",
                decided_on: date!(2019 - 06 - 14),
                period: Some((2014, 2018)),
                decision_no: "738/QĐ-TTg",
                issuer: "Thủ tướng Chính phủ",
                reason: "Đã có thành tích trong công tác từ năm 2014 đến năm 2018, góp phần vào sự nghiệp xây dựng chủ nghĩa xã hội và bảo vệ Tổ quốc",
            },
        ],
        ..BASE
    },
    Featured {
        code: "KHCN047",
        name: "Lý Thị Hà My",
        gender: Gender::Nu,
        born: date!(1999 - 04 - 25),
        unit: "QLCNG",
        position: "Chuyên viên",
        started: date!(2024 - 06 - 17),
        appointed: Some(date!(2024 - 06 - 17)),
        ethnicity: "Sán Dìu",
        hometown: "xã Đông Phú, huyện Lục Nam, tỉnh Bắc Giang",
        qualifications: "Cử nhân Luật",
        ratings: [None, None, None, None, T],
        ..BASE
    },
    Featured {
        code: "KHCN048",
        name: "Dương Văn Toàn",
        born: date!(1996 - 08 - 12),
        unit: "TTUD",
        position: "Kỹ sư",
        rank: Some("Kỹ sư"),
        category: Category::VienChuc,
        started: date!(2024 - 03 - 01),
        appointed: Some(date!(2024 - 10 - 01)),
        hometown: "xã Cao Thượng, huyện Tân Yên, tỉnh Bắc Giang",
        qualifications: "Kỹ sư Công nghệ sinh học",
        ratings: [None, None, None, None, T],
        ..BASE
    },
    Featured {
        code: "KHCN049",
        name: "Vũ Thị Phương Thảo",
        gender: Gender::Nu,
        born: date!(1992 - 12 - 05),
        unit: "VP",
        started: date!(2016 - 04 - 01),
        appointed: Some(date!(2016 - 04 - 01)),
        hometown: "xã Quang Thịnh, huyện Lạng Giang, tỉnh Bắc Giang",
        qualifications: "Cử nhân Quản trị văn phòng",
        absence: Some((
            date!(2024 - 02 - 19),
            date!(2024 - 08 - 18),
            "maternity",
            "Nghỉ thai sản theo chế độ",
        )),
        ..BASE
    },
    Featured {
        code: "KHCN050",
        name: "Đinh Văn Tuấn",
        born: date!(1983 - 09 - 14),
        unit: "KHTC",
        started: date!(2008 - 05 - 05),
        appointed: Some(date!(2008 - 05 - 05)),
        hometown: "xã Đức Thắng, huyện Hiệp Hòa, tỉnh Bắc Giang",
        qualifications: "Cử nhân Tài chính – Ngân hàng",
        ratings: [T, T, T, T, HT],
        absence: Some((
            date!(2024 - 03 - 04),
            date!(2024 - 06 - 11),
            "sick",
            "Nghỉ ốm dài ngày để điều trị bệnh",
        )),
        ..BASE
    },
    Featured {
        code: "KHCN051",
        name: "Đào Xuân Trường",
        born: date!(1986 - 02 - 27),
        unit: "CCTDC-DL",
        position: "Kiểm định viên đo lường",
        rank: Some("Kỹ sư"),
        category: Category::VienChuc,
        started: date!(2011 - 06 - 01),
        appointed: Some(date!(2011 - 06 - 01)),
        hometown: "xã Hồng Thái, thị xã Việt Yên, tỉnh Bắc Giang",
        qualifications: "Kỹ sư Kỹ thuật điện",
        ratings: [T, T, T, T, KHT],
        discipline: Some((
            "khien_trach",
            date!(2024 - 03 - 10),
            Some(date!(2025 - 03 - 09)),
            "Quyết định kỷ luật số 27/QĐ-KHCN ngày 08/03/2024 của Giám đốc Sở: vi phạm quy trình kiểm định phương tiện đo",
        )),
        ..BASE
    },
    Featured {
        code: "KHCN052",
        name: "Trịnh Thị Mai",
        gender: Gender::Nu,
        born: date!(1984 - 05 - 03),
        unit: "QLCN",
        position: "Chuyên viên chính",
        rank: Some("Chuyên viên chính"),
        started: date!(2007 - 09 - 10),
        appointed: Some(date!(2007 - 09 - 10)),
        hometown: "xã Tư Mại, huyện Yên Dũng, tỉnh Bắc Giang",
        qualifications: "Thạc sĩ Quản lý công nghệ",
        political_theory: Some("Trung cấp"),
        initiatives: &[co_so(
            "SK-2024-052",
            2024,
            "Giải pháp định giá công nghệ phục vụ góp vốn bằng tài sản trí tuệ",
        )],
        pending: Some((
            "complaint",
            date!(2024 - 11 - 18),
            "Đơn khiếu nại liên quan đến kết quả thẩm định hợp đồng chuyển giao công nghệ; Thanh tra Sở đang xác minh",
        )),
        ..BASE
    },
    Featured {
        code: "KHCN053",
        name: "Hồ Minh Đức",
        born: date!(2000 - 10 - 10),
        unit: "TTUD",
        position: "Kỹ thuật viên",
        rank: Some("Kỹ thuật viên"),
        category: Category::VienChuc,
        started: date!(2024 - 09 - 03),
        appointed: Some(date!(2024 - 09 - 03)),
        hometown: "xã Đồng Lạc, huyện Yên Thế, tỉnh Bắc Giang",
        qualifications: "Cao đẳng Công nghệ thông tin",
        ratings: [None, None, None, None, None],
        ..BASE
    },
    Featured {
        code: "KHCN054",
        name: "Nông Thị Hương",
        gender: Gender::Nu,
        born: date!(1990 - 01 - 22),
        unit: "TTUD",
        position: "Kỹ sư",
        rank: Some("Kỹ sư"),
        category: Category::VienChuc,
        started: date!(2014 - 08 - 01),
        appointed: Some(date!(2014 - 08 - 01)),
        ethnicity: "Tày",
        hometown: "thị trấn An Châu, huyện Sơn Động, tỉnh Bắc Giang",
        qualifications: "Kỹ sư Nông học",
        ratings: [T, T, T, T, None],
        ..BASE
    },
    Featured {
        code: "KHCN055",
        name: "Lê Văn Sơn",
        born: date!(1975 - 03 - 17),
        unit: "TTUD",
        position: "Nhân viên lái xe",
        rank: None,
        category: Category::NguoiLaoDong,
        started: date!(2005 - 04 - 01),
        hometown: "xã Xương Lâm, huyện Lạng Giang, tỉnh Bắc Giang",
        qualifications: "Trung học phổ thông",
        ratings: [T, T, T, T, None],
        ..BASE
    },
    Featured {
        code: "KHCN056",
        name: "Nguyễn Thị Bích Ngọc",
        gender: Gender::Nu,
        born: date!(1983 - 12 - 12),
        unit: "VP",
        position: "Chuyên viên chính",
        rank: Some("Chuyên viên chính"),
        started: date!(2006 - 11 - 01),
        appointed: Some(date!(2006 - 11 - 01)),
        hometown: "phường Dĩnh Kế, thành phố Bắc Giang, tỉnh Bắc Giang",
        qualifications: "Cử nhân Hành chính học",
        political_theory: Some("Trung cấp"),
        ratings: [XS, XS, T, T, T],
        cstdcs: &[(2020, "SK-2020-056"), (2021, "SK-2021-056")],
        initiatives: &[
            co_so(
                "SK-2020-056",
                2020,
                "Giải pháp chuẩn hóa mẫu biểu báo cáo thi đua, khen thưởng của các phòng, đơn vị",
            ),
            co_so(
                "SK-2021-056",
                2021,
                "Quy trình tổ chức hội nghị trực tuyến của Sở",
            ),
        ],
        awards: &[bk_tinh(
            date!(2022 - 02 - 25),
            2020,
            2021,
            "287/QĐ-UBND",
            "Đã có thành tích xuất sắc trong công tác từ năm 2020 đến năm 2021",
        )],
        ..BASE
    },
    Featured {
        code: "KHCN057",
        name: "Phạm Văn Long",
        born: date!(1981 - 07 - 07),
        unit: "TTUD",
        position: "Trưởng phòng Thông tin và Thống kê KH&CN",
        rank: Some("Kỹ sư chính"),
        category: Category::VienChuc,
        started: date!(2005 - 03 - 01),
        appointed: Some(date!(2006 - 01 - 01)),
        hometown: "xã Bảo Sơn, huyện Lục Nam, tỉnh Bắc Giang",
        qualifications: "Thạc sĩ Công nghệ thông tin",
        political_theory: Some("Trung cấp"),
        ratings: [T, XS, XS, T, T],
        cstdcs: &[(2021, "SK-2021-057"), (2022, "SK-2022-057")],
        initiatives: &[
            co_so(
                "SK-2021-057",
                2021,
                "Giải pháp xây dựng bản tin khoa học và công nghệ điện tử hằng tháng",
            ),
            co_so(
                "SK-2022-057",
                2022,
                "Ứng dụng phần mềm thống kê nhiệm vụ KH&CN các cấp trên địa bàn tỉnh",
            ),
        ],
        awards: &[bk_tinh(
            date!(2023 - 03 - 08),
            2021,
            2022,
            "305/QĐ-UBND",
            "Đã có thành tích xuất sắc trong công tác từ năm 2021 đến năm 2022",
        )],
        ..BASE
    },
    Featured {
        code: "KHCN058",
        name: "Đặng Thị Kim Oanh",
        gender: Gender::Nu,
        born: date!(1986 - 09 - 19),
        unit: "QLCN",
        started: date!(2010 - 02 - 01),
        appointed: Some(date!(2010 - 02 - 01)),
        hometown: "xã Phúc Hòa, huyện Tân Yên, tỉnh Bắc Giang",
        qualifications: "Kỹ sư Công nghệ thông tin",
        ratings: [T, T, XS, XS, T],
        cstdcs: &[(2022, "SK-2022-058"), (2023, "SK-2023-058")],
        initiatives: &[
            co_so(
                "SK-2022-058",
                2022,
                "Giải pháp khảo sát nhu cầu đổi mới công nghệ của doanh nghiệp bằng biểu mẫu trực tuyến",
            ),
            co_so(
                "SK-2023-058",
                2023,
                "Quy trình hỗ trợ doanh nghiệp tham gia chợ công nghệ và thiết bị",
            ),
        ],
        awards: &[bk_tinh(
            date!(2024 - 03 - 14),
            2022,
            2023,
            "318/QĐ-UBND",
            "Đã có thành tích xuất sắc trong công tác từ năm 2022 đến năm 2023",
        )],
        ..BASE
    },
];

/// Awards of the leadership cast of org.rs: (staff code, award).
pub const CAST_AWARDS: &[(&str, Aw)] = &[(
    "KHCN001",
    Aw {
        code: "BK_TINH",
        kind: "chuyen_de",
        decided_on: date!(2021 - 10 - 15),
        period: None,
        decision_no: "1421/QĐ-UBND",
        issuer: CHU_TICH,
        reason: "Đã có thành tích xuất sắc trong 60 năm xây dựng và phát triển ngành khoa học và công nghệ tỉnh Bắc Giang (1961–2021)",
    },
)];

/// The units rated HTXSNV each year (the others HTTNV; LD has no unit rating).
pub const UNITS_HTXSNV: &[(i32, &[&str])] = &[
    (2020, &["TTUD", "CCTDC-TC"]),
    (2021, &["VP", "TTUD"]),
    (2022, &["QLCN", "TTUD"]),
    (2023, &["QLKH", "CCTDC-DL", "TTUD"]),
    (2024, &["VP", "QLKH", "CCTDC-DL"]),
];
