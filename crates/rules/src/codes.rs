//! The machine codes of the case format and of the output: one enum per enumeration, each with its
//! wire code (the string in JSON) and the full list used by the validating parser.

use serde::{Serialize, Serializer};

/// An enumeration read from its wire code (used by the validating parser).
pub(crate) trait CodeEnum: Sized {
    /// The value for `code`, if any.
    fn parse_code(code: &str) -> Option<Self>;
    /// The allowed codes, for the error message.
    fn allowed() -> String;
}

/// Defines a fieldless enum whose variants map one-to-one to wire codes.
macro_rules! code_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident { $( $(#[$vmeta:meta])* $variant:ident = $code:literal ),+ $(,)? }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $( $(#[$vmeta])* $variant ),+ }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[ $( $name::$variant ),+ ];

            /// The wire code, as written in case files and in the output.
            pub const fn code(self) -> &'static str {
                match self { $( $name::$variant => $code ),+ }
            }

            /// The value whose wire code is `code`, if any.
            pub fn from_code(code: &str) -> Option<Self> {
                match code { $( $code => Some($name::$variant), )+ _ => None }
            }

            /// The wire codes joined for an error message ("A, B, C").
            pub(crate) fn codes_list() -> String {
                Self::ALL.iter().map(|v| v.code()).collect::<Vec<_>>().join(", ")
            }
        }

        impl crate::codes::CodeEnum for $name {
            fn parse_code(code: &str) -> Option<Self> {
                $name::from_code(code)
            }
            fn allowed() -> String {
                $name::codes_list()
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.code())
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.code())
            }
        }
    };
}

code_enum! {
    /// Annual quality rating (xếp loại chất lượng, Decree 90/2020), ordered from worst to best so that
    /// `a >= Rating::Httnv` reads "HTTNV or better".
    pub enum Rating {
        /// Không hoàn thành nhiệm vụ.
        Khtnv = "KHTNV",
        /// Hoàn thành nhiệm vụ.
        Htnv = "HTNV",
        /// Hoàn thành tốt nhiệm vụ.
        Httnv = "HTTNV",
        /// Hoàn thành xuất sắc nhiệm vụ.
        Htxsnv = "HTXSNV",
    }
}

impl Rating {
    /// The rating's full Vietnamese name.
    pub const fn name_vi(self) -> &'static str {
        match self {
            Rating::Khtnv => "Không hoàn thành nhiệm vụ",
            Rating::Htnv => "Hoàn thành nhiệm vụ",
            Rating::Httnv => "Hoàn thành tốt nhiệm vụ",
            Rating::Htxsnv => "Hoàn thành xuất sắc nhiệm vụ",
        }
    }
}

code_enum! {
    /// An emulation title already conferred (DOMAIN.md 4.1 and 4.2), as recorded in `titles`.
    pub enum TitleCode {
        /// Lao động tiên tiến.
        Ldtt = "LDTT",
        /// Chiến sĩ thi đua cơ sở.
        Cstdcs = "CSTDCS",
        /// Chiến sĩ thi đua cấp tỉnh (bộ, ban, ngành, tỉnh).
        CstdTinh = "CSTD_TINH",
        /// Chiến sĩ thi đua toàn quốc.
        CstdTq = "CSTD_TQ",
        /// Tập thể lao động tiên tiến.
        Ttldtt = "TTLDTT",
        /// Tập thể lao động xuất sắc.
        Ttldxs = "TTLDXS",
        /// Cờ thi đua của UBND tỉnh.
        CoTinh = "CO_TINH",
        /// Cờ thi đua của Chính phủ.
        CoCp = "CO_CP",
    }
}

code_enum! {
    /// The ground (căn cứ) on which a Chiến sĩ thi đua cơ sở rests (Law 2022 Art 23).
    pub enum Ground {
        /// Rated HTXSNV in the year.
        Htxsnv = "HTXSNV",
        /// An initiative (sáng kiến) recognised at grassroots level.
        Initiative = "initiative",
        /// A science and technology task accepted (nghiệm thu).
        StTask = "st_task",
    }
}

code_enum! {
    /// A form of commendation already received (DOMAIN.md 4.3), as recorded in `awards`.
    pub enum AwardCode {
        /// Giấy khen của Giám đốc Sở.
        Gk = "GK",
        /// Bằng khen của Chủ tịch UBND tỉnh.
        BkTinh = "BK_TINH",
        /// Bằng khen của Bộ trưởng (same rung as `BK_TINH`).
        BkBo = "BK_BO",
        /// Bằng khen của Thủ tướng Chính phủ.
        BkTtg = "BK_TTG",
        /// Huân chương Lao động hạng Ba.
        Hcld3 = "HCLD3",
        /// Huân chương Lao động hạng Nhì.
        Hcld2 = "HCLD2",
        /// Huân chương Lao động hạng Nhất.
        Hcld1 = "HCLD1",
    }
}

code_enum! {
    /// The type of a commendation (loại hình khen thưởng, Law 2022 Art 8). Only `cong_trang` awards
    /// feed the ladders (Decree 98/2023 Art 4(3)).
    pub enum AwardType {
        /// Công trạng: the regular annual award.
        CongTrang = "cong_trang",
        /// Đột xuất: ad-hoc.
        DotXuat = "dot_xuat",
        /// Chuyên đề: thematic.
        ChuyenDe = "chuyen_de",
        /// Phong trào thi đua: a movement or wave.
        PhongTrao = "phong_trao",
        /// Quá trình cống hiến: long service.
        CongHien = "cong_hien",
    }
}

code_enum! {
    /// What an entry of `initiatives` is.
    pub enum InitiativeKind {
        /// Sáng kiến.
        Initiative = "initiative",
        /// An accepted science and technology task (đề tài, dự án nghiệm thu).
        StTask = "st_task",
    }
}

code_enum! {
    /// The scope at which an initiative or task was recognised; a wider scope also counts as
    /// recognised at grassroots.
    pub enum Scope {
        /// Cấp cơ sở.
        CoSo = "co_so",
        /// Province-wide (cấp tỉnh).
        Tinh = "tinh",
        /// Nationwide (toàn quốc).
        ToanQuoc = "toan_quoc",
    }
}

code_enum! {
    /// Disciplinary measure, ordered from the lightest.
    pub enum DisciplineLevel {
        /// Khiển trách.
        KhienTrach = "khien_trach",
        /// Cảnh cáo.
        CanhCao = "canh_cao",
        /// Hạ bậc lương.
        HaBacLuong = "ha_bac_luong",
        /// Giáng chức.
        GiangChuc = "giang_chuc",
        /// Cách chức.
        CachChuc = "cach_chuc",
        /// Buộc thôi việc.
        BuocThoiViec = "buoc_thoi_viec",
    }
}

code_enum! {
    /// Kind of absence. The first three count as working time.
    pub enum AbsenceKind {
        /// Maternity leave (Decree 98/2023 Art 4(5)).
        Maternity = "maternity",
        /// Treatment after injury on duty or while rescuing (Circular 01/2024).
        DutyInjury = "duty_injury",
        /// Training sent by the agency (Circular 01/2024).
        Training = "training",
        /// Sick leave.
        Sick = "sick",
        /// Unpaid leave.
        Unpaid = "unpaid",
        /// Any other leave that does not count.
        Other = "other",
    }
}

impl AbsenceKind {
    /// Whether this absence counts as working time.
    pub const fn counts_as_work(self) -> bool {
        matches!(
            self,
            AbsenceKind::Maternity | AbsenceKind::DutyInjury | AbsenceKind::Training
        )
    }
}

code_enum! {
    /// A title or form the engine evaluates. Declared in byte order of the codes, which is the
    /// order of results for one subject.
    pub enum Code {
        /// Bằng khen của Chủ tịch UBND tỉnh (individual, path (d)).
        BkTinh = "BK_TINH",
        /// Bằng khen của Thủ tướng (individual, path (b)).
        BkTtg = "BK_TTG",
        /// Chiến sĩ thi đua cơ sở.
        Cstdcs = "CSTDCS",
        /// Chiến sĩ thi đua cấp tỉnh.
        CstdTinh = "CSTD_TINH",
        /// Chiến sĩ thi đua toàn quốc (library option, not in the command's output).
        CstdTq = "CSTD_TQ",
        /// Giấy khen của Giám đốc Sở (library option).
        Gk = "GK",
        /// Huân chương Lao động hạng Ba (library option).
        Hcld3 = "HCLD3",
        /// Lao động tiên tiến.
        Ldtt = "LDTT",
        /// Tập thể lao động tiên tiến.
        Ttldtt = "TTLDTT",
        /// Tập thể lao động xuất sắc.
        Ttldxs = "TTLDXS",
    }
}

impl Code {
    /// The title's or form's Vietnamese name.
    pub const fn name_vi(self) -> &'static str {
        match self {
            Code::BkTinh => "Bằng khen của Chủ tịch UBND tỉnh",
            Code::BkTtg => "Bằng khen của Thủ tướng Chính phủ",
            Code::Cstdcs => "Chiến sĩ thi đua cơ sở",
            Code::CstdTinh => "Chiến sĩ thi đua cấp tỉnh",
            Code::CstdTq => "Chiến sĩ thi đua toàn quốc",
            Code::Gk => "Giấy khen của Giám đốc Sở",
            Code::Hcld3 => "Huân chương Lao động hạng Ba",
            Code::Ldtt => "Lao động tiên tiến",
            Code::Ttldtt => "Tập thể lao động tiên tiến",
            Code::Ttldxs => "Tập thể lao động xuất sắc",
        }
    }

    /// Who decides it (Law 2022 Art 80.1: the director decides only LĐTT, CSTĐCS, TTLĐTT and
    /// Giấy khen; everything else is proposed upward).
    pub const fn decided_by(self) -> Authority {
        match self {
            Code::Ldtt | Code::Cstdcs | Code::Ttldtt | Code::Gk => Authority::GiamDocSo,
            Code::CstdTinh | Code::Ttldxs | Code::BkTinh => Authority::ChuTichUbndTinh,
            Code::BkTtg | Code::CstdTq => Authority::ThuTuong,
            Code::Hcld3 => Authority::ChuTichNuoc,
        }
    }
}

code_enum! {
    /// Who confers a title or form. Anything above `giam_doc_so` is a proposal from the agency.
    pub enum Authority {
        /// Giám đốc Sở.
        GiamDocSo = "giam_doc_so",
        /// Chủ tịch UBND tỉnh.
        ChuTichUbndTinh = "chu_tich_ubnd_tinh",
        /// Bộ trưởng.
        BoTruong = "bo_truong",
        /// Thủ tướng Chính phủ.
        ThuTuong = "thu_tuong",
        /// Chủ tịch nước.
        ChuTichNuoc = "chu_tich_nuoc",
    }
}

code_enum! {
    /// The verdict on one subject and one code.
    pub enum Status {
        /// Meets every condition.
        Eligible = "eligible",
        /// At least one condition fails; the reasons say which.
        NotEligible = "not_eligible",
        /// The person is under review, investigation, inspection or complaint: decided later
        /// (Decree 98/2023 Art 4(4)).
        Deferred = "deferred",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn result_codes_are_declared_in_byte_order() {
        let codes: Vec<&str> = Code::ALL.iter().map(|c| c.code()).collect();
        let mut sorted = codes.clone();
        sorted.sort_unstable();
        assert_eq!(codes, sorted);
    }

    #[test]
    fn ratings_order_from_worst_to_best() {
        assert!(Rating::Htxsnv > Rating::Httnv && Rating::Httnv > Rating::Htnv);
        assert!(Rating::Htnv > Rating::Khtnv);
        assert_eq!(Rating::from_code("HTTNV"), Some(Rating::Httnv));
        assert_eq!(Rating::from_code("httnv"), None);
    }
}
