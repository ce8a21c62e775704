//! The review reports of 2024: every unit directly under Sở KH&CN sends its mid-year review (sơ
//! kết, due 05/06) and year-end review (tổng kết, due 05/11) to the Office, which accepts them.
//!
//! - Mid-year: all nine in, all accepted; Phòng Kế hoạch – Tài chính's came late (07/06).
//! - Year-end: Phòng Quản lý chuyên ngành's never came (a draft was started on 04/11 and not
//!   sent); Thanh tra's came late (08/11); Phòng Quản lý khoa học's was returned on 06/11 ("ghi rõ
//!   số chỉ tiêu đã đạt, chưa đạt…"), resubmitted on 07/11 with the figures written out, and
//!   accepted on 08/11; the others were accepted in the week after the deadline.
//!
//! The text opens with the figures the app draws at the moment of sending (targets registered,
//! met, on track, overdue; members registered), followed by the unit's own account of its work.

use time::Date;
use time::macros::date;

use tdkt_store::reports::{Figures, Kind, Sections};

/// What happens to a unit's report of a kind.
#[derive(Debug, Clone, Copy)]
pub enum Course {
    /// Sent on a day, accepted on another.
    Accepted { sent: Date, accepted: Date },
    /// Sent, returned with a reason, sent again, accepted.
    Returned {
        sent: Date,
        returned: Date,
        reason: &'static str,
        resent: Date,
        accepted: Date,
    },
    /// Started on a day, never sent.
    Draft { started: Date },
}

/// The units that report, in the agency's order.
pub const REPORTING: &[&str] = &[
    "LD", "VP", "TTRA", "KHTC", "QLKH", "QLCN", "QLCNG", "CCTDC", "TTUD",
];

/// Why the Office returned QLKH's year-end report.
pub const RETURN_REASON: &str =
    "Ghi rõ số chỉ tiêu đã đạt, chưa đạt theo số liệu đăng ký và nêu nguyên nhân chưa đạt.";

const fn ok(sent: Date, accepted: Date) -> Course {
    Course::Accepted { sent, accepted }
}

/// The course of a unit's report.
pub fn course(unit: &str, kind: Kind) -> Course {
    match kind {
        Kind::MidYear => match unit {
            "VP" | "QLCNG" => ok(date!(2024 - 06 - 03), date!(2024 - 06 - 06)),
            "LD" | "QLKH" | "TTUD" => ok(date!(2024 - 06 - 04), date!(2024 - 06 - 06)),
            "KHTC" => ok(date!(2024 - 06 - 07), date!(2024 - 06 - 10)),
            _ => ok(date!(2024 - 06 - 05), date!(2024 - 06 - 07)),
        },
        Kind::YearEnd => match unit {
            "VP" => ok(date!(2024 - 11 - 01), date!(2024 - 11 - 06)),
            "LD" | "TTUD" => ok(date!(2024 - 11 - 04), date!(2024 - 11 - 06)),
            "TTRA" => ok(date!(2024 - 11 - 08), date!(2024 - 11 - 11)),
            "QLKH" => Course::Returned {
                sent: date!(2024 - 11 - 04),
                returned: date!(2024 - 11 - 06),
                reason: RETURN_REASON,
                resent: date!(2024 - 11 - 07),
                accepted: date!(2024 - 11 - 08),
            },
            "QLCNG" => Course::Draft {
                started: date!(2024 - 11 - 04),
            },
            _ => ok(date!(2024 - 11 - 05), date!(2024 - 11 - 07)),
        },
    }
}

/// A unit's own account of its work: (mid-year results, year-end results, models, difficulties,
/// proposals).
fn texts(
    unit: &str,
) -> (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
) {
    match unit {
        "LD" => (
            "Lãnh đạo Sở chỉ đạo triển khai Kế hoạch phát động phong trào thi đua năm 2024 ngay từ đầu năm; 100% phòng, đơn vị và cán bộ đăng ký thi đua đúng hạn.",
            "Lãnh đạo Sở chỉ đạo hoàn thành các nhiệm vụ UBND tỉnh giao; tổ chức sơ kết đợt 1 và phát động đợt 2 nhân kỷ niệm 63 năm ngày thành lập ngành KH&CN tỉnh.",
            "Giao ban định kỳ hằng tháng theo dõi tiến độ chỉ tiêu thi đua của các phòng, đơn vị.",
            "Một số nhiệm vụ KH&CN chậm tiến độ do điều chỉnh nội dung.",
            "Đề nghị UBND tỉnh bổ sung kinh phí sự nghiệp KH&CN cho các nhiệm vụ chuyển tiếp.",
        ),
        "VP" => (
            "Tham mưu ban hành kế hoạch thi đua, hướng dẫn các phòng, đơn vị đăng ký; vận hành hệ thống quản lý văn bản, không để văn bản quá hạn.",
            "Hoàn thành công tác văn phòng, tổng hợp, thi đua – khen thưởng; thẩm định hồ sơ khen thưởng đúng thời hạn; duy trì Cổng thông tin điện tử của Sở.",
            "Số hóa hồ sơ thi đua, khen thưởng; nhắc hạn tự động qua thư điện tử.",
            "Nhân lực văn thư, lưu trữ còn mỏng khi có cán bộ nghỉ thai sản.",
            "Đề nghị bổ sung 01 biên chế văn thư.",
        ),
        "TTRA" => (
            "Triển khai kế hoạch thanh tra năm 2024; tiếp nhận và xử lý đơn thư đúng quy định.",
            "Hoàn thành các cuộc thanh tra, kiểm tra theo kế hoạch được điều chỉnh; giải quyết đơn thư khiếu nại, tố cáo đúng hạn.",
            "Phối hợp với Chi cục TĐC kiểm tra liên ngành về đo lường xăng dầu.",
            "Kế hoạch thanh tra phải điều chỉnh theo chỉ đạo của UBND tỉnh nên số cuộc thanh tra chưa đạt chỉ tiêu đăng ký.",
            "Đề nghị Thanh tra tỉnh tổ chức tập huấn nghiệp vụ thanh tra chuyên ngành KH&CN.",
        ),
        "KHTC" => (
            "Giao dự toán năm 2024 cho các đơn vị; thẩm định dự toán các nhiệm vụ KH&CN mở mới.",
            "Thẩm tra quyết toán kinh phí các nhiệm vụ KH&CN; giải ngân kế hoạch vốn đầu tư công được giao.",
            "Áp dụng phần mềm quản lý tài chính nhiệm vụ KH&CN.",
            "Một cán bộ nghỉ ốm dài ngày; một số nhiệm vụ chậm hoàn thiện hồ sơ quyết toán.",
            "Đề nghị Sở Tài chính hướng dẫn khoán chi nhiệm vụ KH&CN.",
        ),
        "QLKH" => (
            "Tổ chức tuyển chọn, giao trực tiếp các nhiệm vụ KH&CN cấp tỉnh năm 2024; thẩm định hồ sơ nhiệm vụ đúng thời hạn.",
            "Quản lý các nhiệm vụ KH&CN cấp tỉnh; kiểm tra tiến độ và tổ chức nghiệm thu các nhiệm vụ đến hạn.",
            "Ứng dụng công nghệ số trong quản lý hồ sơ nhiệm vụ KH&CN.",
            "Một số chủ nhiệm nhiệm vụ chậm nộp báo cáo định kỳ.",
            "Đề nghị Bộ KH&CN sớm ban hành hướng dẫn đánh giá nhiệm vụ KH&CN cấp tỉnh.",
        ),
        "QLCN" => (
            "Thẩm định hợp đồng chuyển giao công nghệ; khảo sát nhu cầu đổi mới công nghệ của doanh nghiệp.",
            "Hỗ trợ doanh nghiệp đổi mới công nghệ, tham gia chợ công nghệ và thiết bị; hướng dẫn đăng ký sở hữu trí tuệ.",
            "Khảo sát nhu cầu doanh nghiệp bằng biểu mẫu trực tuyến.",
            "Doanh nghiệp còn e ngại đầu tư đổi mới công nghệ.",
            "Đề nghị tăng mức hỗ trợ từ Quỹ phát triển KH&CN tỉnh.",
        ),
        "QLCNG" => (
            "Cấp phép an toàn bức xạ; kiểm tra các cơ sở X-quang y tế theo kế hoạch.",
            "Thẩm định, cấp giấy phép an toàn bức xạ; giải quyết hồ sơ TTHC đúng hạn.",
            "Tiếp nhận hồ sơ TTHC trực tuyến toàn trình.",
            "Thiếu thiết bị đo kiểm tra bức xạ.",
            "Đề nghị trang bị 01 máy đo suất liều bức xạ.",
        ),
        "CCTDC" => (
            "Kiểm tra nhà nước về tiêu chuẩn, đo lường, chất lượng; kiểm định phương tiện đo theo kế hoạch.",
            "Hoàn thành kế hoạch kiểm tra nhà nước về TĐC; kiểm định phương tiện đo, hướng dẫn doanh nghiệp công bố hợp chuẩn, hợp quy.",
            "Quy trình kiểm định phương tiện đo điện tử; phần mềm quản lý chuẩn đo lường.",
            "Một kiểm định viên bị kỷ luật khiển trách; khối lượng kiểm định lớn.",
            "Đề nghị đầu tư chuẩn đo lường dung tích cho phòng thí nghiệm.",
        ),
        _ => (
            "Triển khai các mô hình ứng dụng tiến bộ KH&CN; tập huấn chuyển giao kỹ thuật cho nông dân; sản xuất giống nấm và cây giống nuôi cấy mô.",
            "Chuyển giao các mô hình ứng dụng tiến bộ KH&CN; tuyên truyền KH&CN trên các phương tiện thông tin đại chúng; sản xuất giống theo kế hoạch.",
            "Mô hình chuyển giao công nghệ sản xuất nấm dược liệu cho hợp tác xã.",
            "Cơ sở vật chất nhà màng xuống cấp.",
            "Đề nghị bố trí kinh phí sửa chữa nhà màng.",
        ),
    }
}

/// "8 chỉ tiêu" with Vietnamese grouping.
fn n(v: i64) -> String {
    tdkt_domain::targets::format_number(v as f64)
}

/// The figures as the unit writes them in its results.
fn figures_line(f: &Figures) -> String {
    format!(
        "Đơn vị có {} cán bộ, {} người đã đăng ký thi đua; đăng ký {} chỉ tiêu, đã đạt {}, đúng tiến độ {}, quá hạn {}.",
        n(f.members),
        n(f.registered_members),
        n(f.targets.registered),
        n(f.targets.met),
        n(f.targets.on_track),
        n(f.targets.overdue)
    )
}

/// The sections a unit sends. `vague` is the first version of the report the Office returned.
pub fn sections(
    unit: &str,
    kind: Kind,
    f: &Figures,
    exemplars: &[String],
    vague: bool,
) -> Sections {
    let (mid, end, models, difficulties, proposals) = texts(unit);
    let work = if kind == Kind::MidYear { mid } else { end };
    // The version the Office returns gives no figures; the one sent again opens with them and
    // says why the overdue targets were not met, so the diff shows two insertions.
    if vague {
        return Sections {
            results: work.to_owned(),
            models: models.to_owned(),
            exemplars: exemplars.join("\n"),
            difficulties: difficulties.to_owned(),
            proposals: proposals.to_owned(),
        };
    }
    let mut results = format!("{}\n{work}", figures_line(f));
    if f.targets.overdue > 0 && kind == Kind::YearEnd {
        results.push_str(&format!(
            "\n{} chỉ tiêu chưa đạt do {}",
            n(f.targets.overdue),
            difficulties
                .trim_end_matches('.')
                .chars()
                .enumerate()
                .map(|(i, c)| if i == 0 {
                    c.to_lowercase().next().unwrap_or(c)
                } else {
                    c
                })
                .collect::<String>()
                + "."
        ));
    }
    Sections {
        results,
        models: models.to_owned(),
        exemplars: exemplars.join("\n"),
        difficulties: difficulties.to_owned(),
        proposals: proposals.to_owned(),
    }
}

/// The part of a report written before it is sent (a draft left unsent).
pub fn draft(unit: &str) -> Sections {
    let (_, end, _, difficulties, _) = texts(unit);
    Sections {
        results: end.to_owned(),
        difficulties: difficulties.to_owned(),
        ..Default::default()
    }
}
