//! The Vietnamese names of the codes the records and the rule engine use (spec/rules-evaluate.md).

/// Xếp loại chất lượng.
pub fn rating(code: &str) -> &'static str {
    match code {
        "HTXSNV" => "Hoàn thành xuất sắc nhiệm vụ",
        "HTTNV" => "Hoàn thành tốt nhiệm vụ",
        "HTNV" => "Hoàn thành nhiệm vụ",
        "KHTNV" => "Không hoàn thành nhiệm vụ",
        _ => "",
    }
}

/// Danh hiệu thi đua and hình thức khen thưởng.
pub fn award(code: &str) -> &'static str {
    match code {
        "LDTT" => "Lao động tiên tiến",
        "CSTDCS" => "Chiến sĩ thi đua cơ sở",
        "CSTD_TINH" => "Chiến sĩ thi đua cấp tỉnh",
        "CSTD_TQ" => "Chiến sĩ thi đua toàn quốc",
        "TTLDTT" => "Tập thể lao động tiên tiến",
        "TTLDXS" => "Tập thể lao động xuất sắc",
        "CO_TINH" => "Cờ thi đua của UBND tỉnh",
        "CO_CP" => "Cờ thi đua của Chính phủ",
        "GK" => "Giấy khen của Giám đốc Sở",
        "BK_TINH" => "Bằng khen của Chủ tịch UBND tỉnh",
        "BK_BO" => "Bằng khen của Bộ trưởng",
        "BK_TTG" => "Bằng khen của Thủ tướng Chính phủ",
        "HCLD3" => "Huân chương Lao động hạng Ba",
        "HCLD2" => "Huân chương Lao động hạng Nhì",
        "HCLD1" => "Huân chương Lao động hạng Nhất",
        _ => "",
    }
}

/// Loại hình khen thưởng (Law Art 8).
pub fn award_kind(code: &str) -> &'static str {
    match code {
        "cong_trang" => "Công trạng",
        "dot_xuat" => "Đột xuất",
        "chuyen_de" => "Chuyên đề",
        "phong_trao" => "Theo phong trào thi đua",
        "cong_hien" => "Quá trình cống hiến",
        _ => "",
    }
}

pub fn initiative_kind(code: &str) -> &'static str {
    match code {
        "initiative" => "Sáng kiến",
        "st_task" => "Nhiệm vụ KH&CN đã nghiệm thu",
        _ => "",
    }
}

pub fn initiative_scope(code: &str) -> &'static str {
    match code {
        "co_so" => "Cấp cơ sở",
        "tinh" => "Cấp tỉnh",
        "toan_quoc" => "Toàn quốc",
        _ => "",
    }
}

pub fn ground(code: &str) -> &'static str {
    match code {
        "HTXSNV" => "Hoàn thành xuất sắc nhiệm vụ",
        "initiative" => "Sáng kiến được công nhận",
        "st_task" => "Nhiệm vụ KH&CN được nghiệm thu",
        _ => "",
    }
}

pub fn discipline(code: &str) -> &'static str {
    match code {
        "khien_trach" => "Khiển trách",
        "canh_cao" => "Cảnh cáo",
        "ha_bac_luong" => "Hạ bậc lương",
        "giang_chuc" => "Giáng chức",
        "cach_chuc" => "Cách chức",
        "buoc_thoi_viec" => "Buộc thôi việc",
        _ => "",
    }
}

pub fn absence(code: &str) -> &'static str {
    match code {
        "maternity" => "Nghỉ thai sản",
        "duty_injury" => "Điều trị do bị thương khi làm nhiệm vụ",
        "training" => "Đi học do cơ quan cử",
        "sick" => "Nghỉ ốm",
        "unpaid" => "Nghỉ không lương",
        "other" => "Nghỉ khác",
        _ => "",
    }
}

pub fn pending(code: &str) -> &'static str {
    match code {
        "discipline_review" => "Đang xem xét kỷ luật",
        "investigation" => "Đang bị điều tra",
        "inspection" => "Đang thanh tra, kiểm tra",
        "complaint" => "Có đơn thư khiếu nại, tố cáo chưa giải quyết",
        _ => "Đang xem xét",
    }
}
