//! The province's bodies as data: its emulation clusters, its fifty agencies (the five of the
//! agency demo among them) and the words their units are named with. All text is NFC.

/// What kind of body an agency is: it decides how its units are laid out and named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A department (Sở) or a body like one: offices and subordinate centres with their sections.
    Dept,
    /// A district's People's Committee: its offices and the schools of its communes.
    District,
    /// A college: a board, offices and faculties.
    School,
    /// A mass organisation or association: a standing board, its committees and centres.
    Org,
    /// A state company: a board, offices and branches with their teams.
    Company,
    /// A project management board or a fund: a board and offices.
    Project,
    /// A broadcaster or newspaper: a board, its newsrooms and district bureaus.
    Media,
}

/// Emulation clusters: (code, name). The first is the agency demo's own.
pub const CLUSTERS: &[(&str, &str)] = &[
    ("KHOI-VHXH", "Khối các cơ quan Văn hóa – Xã hội"),
    ("KHOI-TH", "Khối các cơ quan Tổng hợp"),
    ("KHOI-KT", "Khối các cơ quan Kinh tế"),
    (
        "KHOI-NLN",
        "Khối các cơ quan Nông – Lâm nghiệp và Tài nguyên",
    ),
    ("KHOI-MN", "Khối các huyện miền núi"),
    ("KHOI-TD", "Khối các huyện, thị xã, thành phố trung du"),
    ("KHOI-SN", "Khối các đơn vị sự nghiệp"),
    ("KHOI-DT", "Khối các tổ chức chính trị – xã hội và hội"),
];

/// An agency of the province.
pub struct AgencyDef {
    pub symbol: &'static str,
    /// The short name ("Sở Nội vụ"): the full name adds the province.
    pub short: &'static str,
    /// The issuing-body line of its papers.
    pub header: &'static str,
    /// Index in [`CLUSTERS`].
    pub cluster: usize,
    pub kind: Kind,
    /// Its head's title ("Giám đốc"), as decisions name the issuer ("Giám đốc Sở Nội vụ").
    pub head: &'static str,
    /// For a district: index in [`DISTRICTS`].
    pub district: Option<usize>,
    /// Its own subordinate bodies, when they are not the generic ones.
    pub bodies: Option<&'static Bodies>,
}

const fn a(
    symbol: &'static str,
    short: &'static str,
    header: &'static str,
    cluster: usize,
    kind: Kind,
    head: &'static str,
) -> AgencyDef {
    AgencyDef {
        symbol,
        short,
        header,
        cluster,
        kind,
        head,
        district: None,
        bodies: None,
    }
}

const fn district(
    symbol: &'static str,
    short: &'static str,
    header: &'static str,
    cluster: usize,
    d: usize,
) -> AgencyDef {
    AgencyDef {
        symbol,
        short,
        header,
        cluster,
        kind: Kind::District,
        head: "Chủ tịch",
        district: Some(d),
        bodies: None,
    }
}

const fn own(mut def: AgencyDef, bodies: &'static Bodies) -> AgencyDef {
    def.bodies = Some(bodies);
    def
}

use Kind::{Company, Dept, Media, Org, Project, School};

/// The fifty agencies; the agency demo creates the first five (KHCN and its cluster partners).
#[rustfmt::skip]
pub const AGENCIES: &[AgencyDef] = &[
    a("KHCN", "Sở Khoa học và Công nghệ", "SỞ KHOA HỌC VÀ CÔNG NGHỆ", 0, Dept, "Giám đốc"),
    a("TTTT", "Sở Thông tin và Truyền thông", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", 0, Dept, "Giám đốc"),
    own(a("GDDT", "Sở Giáo dục và Đào tạo", "SỞ GIÁO DỤC VÀ ĐÀO TẠO", 0, Dept, "Giám đốc"), &HIGH_SCHOOLS),
    own(a("SYT", "Sở Y tế", "SỞ Y TẾ", 0, Dept, "Giám đốc"), &HOSPITALS),
    a("VHTTDL", "Sở Văn hóa, Thể thao và Du lịch", "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH", 0, Dept, "Giám đốc"),
    a("SLDTBXH", "Sở Lao động – Thương binh và Xã hội", "SỞ LAO ĐỘNG – THƯƠNG BINH VÀ XÃ HỘI", 0, Dept, "Giám đốc"),
    a("BDT", "Ban Dân tộc", "BAN DÂN TỘC", 0, Dept, "Trưởng ban"),
    a("DPTTH", "Đài Phát thanh và Truyền hình", "ĐÀI PHÁT THANH VÀ TRUYỀN HÌNH", 0, Media, "Giám đốc"),
    a("VPUB", "Văn phòng UBND tỉnh", "VĂN PHÒNG UBND TỈNH", 1, Dept, "Chánh Văn phòng"),
    a("SNV", "Sở Nội vụ", "SỞ NỘI VỤ", 1, Dept, "Giám đốc"),
    a("STC", "Sở Tài chính", "SỞ TÀI CHÍNH", 1, Dept, "Giám đốc"),
    a("SKHDT", "Sở Kế hoạch và Đầu tư", "SỞ KẾ HOẠCH VÀ ĐẦU TƯ", 1, Dept, "Giám đốc"),
    a("SNGV", "Sở Ngoại vụ", "SỞ NGOẠI VỤ", 1, Dept, "Giám đốc"),
    a("TTR", "Thanh tra tỉnh", "THANH TRA TỈNH", 1, Dept, "Chánh Thanh tra"),
    a("STP", "Sở Tư pháp", "SỞ TƯ PHÁP", 1, Dept, "Giám đốc"),
    a("SCT", "Sở Công Thương", "SỞ CÔNG THƯƠNG", 2, Dept, "Giám đốc"),
    a("SXD", "Sở Xây dựng", "SỞ XÂY DỰNG", 2, Dept, "Giám đốc"),
    a("SGTVT", "Sở Giao thông vận tải", "SỞ GIAO THÔNG VẬN TẢI", 2, Dept, "Giám đốc"),
    a("BQLKCN", "Ban Quản lý các khu công nghiệp", "BAN QUẢN LÝ CÁC KHU CÔNG NGHIỆP", 2, Dept, "Trưởng ban"),
    a("QDTPT", "Quỹ Đầu tư phát triển", "QUỸ ĐẦU TƯ PHÁT TRIỂN", 2, Project, "Giám đốc"),
    a("SNNPTNT", "Sở Nông nghiệp và Phát triển nông thôn", "SỞ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN", 3, Dept, "Giám đốc"),
    a("STNMT", "Sở Tài nguyên và Môi trường", "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG", 3, Dept, "Giám đốc"),
    a("BQLDANN", "Ban Quản lý dự án đầu tư xây dựng các công trình nông nghiệp và phát triển nông thôn", "BAN QUẢN LÝ DỰ ÁN ĐTXD CÁC CÔNG TRÌNH NN&PTNT", 3, Project, "Giám đốc"),
    a("KTCTTL", "Công ty TNHH một thành viên Khai thác công trình thủy lợi", "CÔNG TY TNHH MTV KHAI THÁC CÔNG TRÌNH THỦY LỢI", 3, Company, "Giám đốc"),
    a("LNSD", "Công ty TNHH một thành viên Lâm nghiệp Sơn Động", "CÔNG TY TNHH MTV LÂM NGHIỆP SƠN ĐỘNG", 3, Company, "Giám đốc"),
    district("SDONG", "UBND huyện Sơn Động", "ỦY BAN NHÂN DÂN HUYỆN SƠN ĐỘNG", 4, 0),
    district("LNGAN", "UBND huyện Lục Ngạn", "ỦY BAN NHÂN DÂN HUYỆN LỤC NGẠN", 4, 1),
    district("LNAM", "UBND huyện Lục Nam", "ỦY BAN NHÂN DÂN HUYỆN LỤC NAM", 4, 2),
    district("YTHE", "UBND huyện Yên Thế", "ỦY BAN NHÂN DÂN HUYỆN YÊN THẾ", 4, 3),
    district("TPBG", "UBND thành phố Bắc Giang", "ỦY BAN NHÂN DÂN THÀNH PHỐ BẮC GIANG", 5, 4),
    district("VYEN", "UBND thị xã Việt Yên", "ỦY BAN NHÂN DÂN THỊ XÃ VIỆT YÊN", 5, 5),
    district("LGIANG", "UBND huyện Lạng Giang", "ỦY BAN NHÂN DÂN HUYỆN LẠNG GIANG", 5, 6),
    district("TYEN", "UBND huyện Tân Yên", "ỦY BAN NHÂN DÂN HUYỆN TÂN YÊN", 5, 7),
    district("HHOA", "UBND huyện Hiệp Hòa", "ỦY BAN NHÂN DÂN HUYỆN HIỆP HÒA", 5, 8),
    district("YDUNG", "UBND huyện Yên Dũng", "ỦY BAN NHÂN DÂN HUYỆN YÊN DŨNG", 5, 9),
    a("TCT", "Trường Chính trị tỉnh", "TRƯỜNG CHÍNH TRỊ TỈNH", 6, School, "Hiệu trưởng"),
    a("CDNGT", "Trường Cao đẳng Ngô Gia Tự", "TRƯỜNG CAO ĐẲNG NGÔ GIA TỰ", 6, School, "Hiệu trưởng"),
    a("CDYT", "Trường Cao đẳng Y tế", "TRƯỜNG CAO ĐẲNG Y TẾ", 6, School, "Hiệu trưởng"),
    a("CDKTCN", "Trường Cao đẳng Kỹ thuật – Công nghệ", "TRƯỜNG CAO ĐẲNG KỸ THUẬT – CÔNG NGHỆ", 6, School, "Hiệu trưởng"),
    a("BQLDADD", "Ban Quản lý dự án đầu tư xây dựng các công trình dân dụng và công nghiệp", "BAN QUẢN LÝ DỰ ÁN ĐTXD CÁC CÔNG TRÌNH DÂN DỤNG VÀ CÔNG NGHIỆP", 6, Project, "Giám đốc"),
    a("BQLDAGT", "Ban Quản lý dự án đầu tư xây dựng các công trình giao thông", "BAN QUẢN LÝ DỰ ÁN ĐTXD CÁC CÔNG TRÌNH GIAO THÔNG", 6, Project, "Giám đốc"),
    a("BBG", "Báo Bắc Giang", "BÁO BẮC GIANG", 6, Media, "Tổng Biên tập"),
    a("MTTQ", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "ỦY BAN MTTQ VIỆT NAM TỈNH", 7, Org, "Chủ tịch"),
    a("TDOAN", "Tỉnh đoàn", "TỈNH ĐOÀN", 7, Org, "Bí thư"),
    a("HLHPN", "Hội Liên hiệp Phụ nữ tỉnh", "HỘI LIÊN HIỆP PHỤ NỮ TỈNH", 7, Org, "Chủ tịch"),
    a("HND", "Hội Nông dân tỉnh", "HỘI NÔNG DÂN TỈNH", 7, Org, "Chủ tịch"),
    a("HCCB", "Hội Cựu chiến binh tỉnh", "HỘI CỰU CHIẾN BINH TỈNH", 7, Org, "Chủ tịch"),
    a("LMHTX", "Liên minh Hợp tác xã tỉnh", "LIÊN MINH HỢP TÁC XÃ TỈNH", 7, Org, "Chủ tịch"),
    a("HNB", "Hội Nhà báo tỉnh", "HỘI NHÀ BÁO TỈNH", 7, Org, "Chủ tịch"),
    a("LHHKH", "Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh", "LIÊN HIỆP CÁC HỘI KHOA HỌC VÀ KỸ THUẬT TỈNH", 7, Org, "Chủ tịch"),
];

/// Subordinate bodies: their names, the sections each has, and the posts of their staff
/// (position, rank).
pub struct Bodies {
    pub names: &'static [&'static str],
    pub sections: &'static [&'static str],
    pub staff: &'static [(&'static str, &'static str)],
}

pub const CENTRES: Bodies = Bodies {
    names: &[
        "Trung tâm Dịch vụ kỹ thuật",
        "Chi cục Quản lý chuyên ngành",
        "Trung tâm Thông tin và Truyền thông",
        "Trung tâm Đào tạo, bồi dưỡng",
        "Trung tâm Kiểm định và Tư vấn",
        "Trung tâm Lưu trữ và Dữ liệu",
        "Ban Quản lý dự án",
        "Trung tâm Hỗ trợ và Phát triển",
    ],
    sections: &[
        "Phòng Hành chính – Tổng hợp",
        "Phòng Kế hoạch – Nghiệp vụ",
        "Phòng Kỹ thuật",
    ],
    staff: &[
        ("Chuyên viên", "Chuyên viên"),
        ("Kỹ sư", "Kỹ sư"),
        ("Kỹ thuật viên", "Kỹ thuật viên"),
        ("Viên chức", "Chuyên viên"),
    ],
};

pub const HIGH_SCHOOLS: Bodies = Bodies {
    names: &[
        "Trường THPT Chuyên Bắc Giang",
        "Trường THPT Ngô Sĩ Liên",
        "Trường THPT Giáp Hải",
        "Trường THPT Thái Thuận",
        "Trường THPT Lạng Giang số 1",
        "Trường THPT Lục Ngạn số 1",
        "Trường THPT Lục Nam",
        "Trường THPT Yên Thế",
        "Trường THPT Hiệp Hòa số 1",
        "Trường THPT Tân Yên số 1",
        "Trường THPT Việt Yên số 1",
        "Trường THPT Yên Dũng số 1",
        "Trường THPT Sơn Động số 1",
    ],
    sections: &[
        "Tổ Toán – Tin",
        "Tổ Ngữ văn",
        "Tổ Ngoại ngữ",
        "Tổ Khoa học tự nhiên",
        "Tổ Khoa học xã hội",
        "Tổ Văn phòng",
    ],
    staff: &[
        ("Giáo viên", "Giáo viên THPT hạng III"),
        ("Giáo viên", "Giáo viên THPT hạng II"),
    ],
};

pub const HOSPITALS: Bodies = Bodies {
    names: &[
        "Bệnh viện Đa khoa tỉnh",
        "Bệnh viện Sản Nhi",
        "Bệnh viện Y học cổ truyền",
        "Bệnh viện Phổi",
        "Bệnh viện Tâm thần",
        "Trung tâm Kiểm soát bệnh tật",
        "Trung tâm Y tế huyện Lục Ngạn",
        "Trung tâm Y tế huyện Yên Thế",
        "Trung tâm Y tế huyện Hiệp Hòa",
    ],
    sections: &[
        "Khoa Nội",
        "Khoa Ngoại",
        "Khoa Nhi",
        "Khoa Hồi sức cấp cứu",
        "Khoa Xét nghiệm",
        "Phòng Kế hoạch tổng hợp",
        "Phòng Điều dưỡng",
    ],
    staff: &[
        ("Bác sĩ", "Bác sĩ"),
        ("Điều dưỡng", "Điều dưỡng hạng IV"),
        ("Điều dưỡng", "Điều dưỡng hạng III"),
        ("Kỹ thuật viên y", "Kỹ thuật y hạng IV"),
    ],
};

pub const FACULTIES: Bodies = Bodies {
    names: &[
        "Khoa Lý luận cơ sở",
        "Khoa Nhà nước và Pháp luật",
        "Khoa Xây dựng Đảng",
        "Khoa Dân vận",
        "Khoa Cơ bản",
        "Khoa Công nghệ thông tin",
        "Khoa Kinh tế",
        "Khoa Ngoại ngữ",
        "Khoa Điều dưỡng",
        "Trung tâm Ngoại ngữ – Tin học",
    ],
    sections: &["Bộ môn 1", "Bộ môn 2", "Bộ môn 3"],
    staff: &[
        ("Giảng viên", "Giảng viên"),
        ("Giảng viên chính", "Giảng viên chính"),
    ],
};

pub const BRANCHES: Bodies = Bodies {
    names: &[
        "Xí nghiệp Sơn Động",
        "Xí nghiệp Lục Ngạn",
        "Xí nghiệp Lục Nam",
        "Xí nghiệp Yên Thế",
        "Xí nghiệp Lạng Giang",
        "Xí nghiệp Yên Dũng",
    ],
    sections: &["Đội 1", "Đội 2", "Đội 3", "Đội 4", "Tổ Kỹ thuật"],
    staff: &[
        ("Công nhân", "Công nhân"),
        ("Kỹ sư", "Kỹ sư"),
        ("Kỹ thuật viên", "Kỹ thuật viên"),
    ],
};

pub const BUREAUS: Bodies = Bodies {
    names: &[
        "Văn phòng đại diện khu vực Lục Ngạn",
        "Văn phòng đại diện khu vực Yên Thế",
        "Văn phòng đại diện khu vực Hiệp Hòa",
        "Trung tâm Sản xuất chương trình",
    ],
    sections: &["Tổ Phóng viên", "Tổ Kỹ thuật", "Tổ Biên tập"],
    staff: &[
        ("Phóng viên", "Phóng viên"),
        ("Biên tập viên", "Biên tập viên"),
        ("Kỹ thuật viên", "Kỹ thuật viên"),
    ],
};

pub const ORG_CENTRES: Bodies = Bodies {
    names: &[
        "Trung tâm Hỗ trợ hội viên",
        "Trung tâm Dạy nghề và Giới thiệu việc làm",
        "Trung tâm Tư vấn pháp luật",
    ],
    sections: &["Phòng Hành chính – Tổng hợp", "Phòng Nghiệp vụ"],
    staff: &[("Chuyên viên", "Chuyên viên"), ("Viên chức", "Chuyên viên")],
};

/// The staff offices of an agency of each kind: (code, name). "LD" is the leadership.
pub fn offices(kind: Kind) -> &'static [(&'static str, &'static str)] {
    match kind {
        Kind::Dept => &[
            ("LD", "Lãnh đạo"),
            ("VP", "Văn phòng"),
            ("TTRA", "Thanh tra"),
            ("KHTC", "Phòng Kế hoạch – Tài chính"),
            ("TCCB", "Phòng Tổ chức cán bộ"),
            ("PC", "Phòng Pháp chế"),
            ("QLCN", "Phòng Quản lý chuyên ngành"),
            ("NV", "Phòng Nghiệp vụ"),
        ],
        Kind::District => &[
            ("LD", "Thường trực UBND"),
            ("VP", "Văn phòng HĐND và UBND"),
            ("TTRA", "Thanh tra"),
            ("NVU", "Phòng Nội vụ"),
            ("TCKH", "Phòng Tài chính – Kế hoạch"),
            ("TP", "Phòng Tư pháp"),
            ("GDDT", "Phòng Giáo dục và Đào tạo"),
            ("YTE", "Phòng Y tế"),
            ("VHTT", "Phòng Văn hóa và Thông tin"),
            ("TNMT", "Phòng Tài nguyên và Môi trường"),
            ("KTHT", "Phòng Kinh tế và Hạ tầng"),
            ("NN", "Phòng Nông nghiệp và Phát triển nông thôn"),
            ("LDXH", "Phòng Lao động – Thương binh và Xã hội"),
        ],
        Kind::School => &[
            ("LD", "Ban Giám hiệu"),
            ("TCHC", "Phòng Tổ chức – Hành chính"),
            ("DT", "Phòng Đào tạo"),
            ("KHTC", "Phòng Kế hoạch – Tài chính"),
            ("QLKH", "Phòng Quản lý khoa học"),
        ],
        Kind::Org => &[
            ("LD", "Thường trực"),
            ("VP", "Văn phòng"),
            ("TCKT", "Ban Tổ chức – Kiểm tra"),
            ("TG", "Ban Tuyên giáo"),
            ("PT", "Ban Phong trào"),
            ("CSPL", "Ban Chính sách – Pháp luật"),
        ],
        Kind::Company => &[
            ("LD", "Ban Giám đốc"),
            ("TCHC", "Phòng Tổ chức – Hành chính"),
            ("KHKT", "Phòng Kế hoạch – Kỹ thuật"),
            ("TCKT", "Phòng Tài chính – Kế toán"),
        ],
        Kind::Project => &[
            ("LD", "Ban Giám đốc"),
            ("HCTH", "Phòng Hành chính – Tổng hợp"),
            ("KHTH", "Phòng Kế hoạch – Tổng hợp"),
            ("TCKT", "Phòng Tài chính – Kế toán"),
            ("KTTD", "Phòng Kỹ thuật – Thẩm định"),
            ("QLDA1", "Phòng Quản lý dự án 1"),
            ("QLDA2", "Phòng Quản lý dự án 2"),
            ("QLDA3", "Phòng Quản lý dự án 3"),
        ],
        Kind::Media => &[
            ("LD", "Ban Giám đốc"),
            ("HCTH", "Phòng Hành chính – Tổng hợp"),
            ("TS", "Phòng Thời sự"),
            ("CD", "Phòng Chuyên đề"),
            ("KTCN", "Phòng Kỹ thuật – Công nghệ"),
            ("DT", "Phòng Báo điện tử"),
        ],
    }
}

/// The subordinate bodies of an agency, unless it names its own.
pub fn bodies(def: &AgencyDef) -> &'static Bodies {
    if let Some(b) = def.bodies {
        return b;
    }
    match def.kind {
        Kind::Dept | Kind::District | Kind::Project => &CENTRES,
        Kind::School => &FACULTIES,
        Kind::Org => &ORG_CENTRES,
        Kind::Company => &BRANCHES,
        Kind::Media => &BUREAUS,
    }
}

/// How many units an agency of each kind has, relative to the others.
pub fn unit_weight(kind: Kind) -> usize {
    match kind {
        Kind::Dept => 70,
        Kind::District => 90,
        Kind::School => 35,
        Kind::Org => 25,
        Kind::Company => 40,
        Kind::Project => 20,
        Kind::Media => 30,
    }
}

/// Districts with some of their communes (a district's schools are named after them).
#[rustfmt::skip]
pub const DISTRICTS: &[(&str, &[&str])] = &[
    ("huyện Sơn Động", &["An Lạc", "Cẩm Đàn", "Dương Hưu", "Đại Sơn", "Giáo Liêm", "Hữu Sản", "Lệ Viễn", "Long Sơn", "Phúc Sơn", "Thanh Luận", "Tuấn Đạo", "Vân Sơn", "Vĩnh An", "Yên Định", "An Châu"]),
    ("huyện Lục Ngạn", &["Biên Sơn", "Biển Động", "Cấm Sơn", "Đèo Gia", "Đồng Cốc", "Giáp Sơn", "Hồng Giang", "Kiên Lao", "Kiên Thành", "Kim Sơn", "Mỹ An", "Nam Dương", "Phì Điền", "Phượng Sơn", "Quý Sơn", "Tân Hoa"]),
    ("huyện Lục Nam", &["Bảo Đài", "Bảo Sơn", "Bình Sơn", "Cẩm Lý", "Chu Điện", "Cương Sơn", "Đan Hội", "Đông Hưng", "Đông Phú", "Huyền Sơn", "Khám Lạng", "Lan Mẫu", "Lục Sơn", "Nghĩa Phương", "Tam Dị", "Đồi Ngô"]),
    ("huyện Yên Thế", &["An Thượng", "Canh Nậu", "Đồng Hưu", "Đồng Kỳ", "Đồng Lạc", "Đồng Tâm", "Đồng Tiến", "Đồng Vương", "Hồng Kỳ", "Hương Vĩ", "Tam Hiệp", "Tam Tiến", "Tân Hiệp", "Tân Sỏi", "Xuân Lương", "Bố Hạ"]),
    ("thành phố Bắc Giang", &["Dĩnh Kế", "Dĩnh Trì", "Đa Mai", "Hoàng Văn Thụ", "Lê Lợi", "Mỹ Độ", "Ngô Quyền", "Song Khê", "Song Mai", "Thọ Xương", "Trần Nguyên Hãn", "Trần Phú", "Xương Giang", "Tân Mỹ", "Đồng Sơn"]),
    ("thị xã Việt Yên", &["Hồng Thái", "Minh Đức", "Nghĩa Trung", "Tăng Tiến", "Thượng Lan", "Tiên Sơn", "Trung Sơn", "Vân Hà", "Việt Tiến", "Bích Động", "Nếnh", "Quang Châu", "Vân Trung", "Hoàng Ninh", "Quảng Minh"]),
    ("huyện Lạng Giang", &["An Hà", "Dương Đức", "Đào Mỹ", "Hương Lạc", "Hương Sơn", "Mỹ Hà", "Mỹ Thái", "Nghĩa Hòa", "Nghĩa Hưng", "Quang Thịnh", "Tân Dĩnh", "Tân Hưng", "Tân Thanh", "Thái Đào", "Tiên Lục", "Xương Lâm"]),
    ("huyện Tân Yên", &["Cao Xá", "Đại Hóa", "Hợp Đức", "Lam Cốt", "Lan Giới", "Liên Sơn", "Ngọc Châu", "Ngọc Lý", "Ngọc Thiện", "Ngọc Vân", "Phúc Hòa", "Quang Tiến", "Quế Nham", "Song Vân", "Việt Lập", "Nhã Nam"]),
    ("huyện Hiệp Hòa", &["Bắc Lý", "Châu Minh", "Danh Thắng", "Đại Thành", "Đoan Bái", "Đông Lỗ", "Hòa Sơn", "Hoàng An", "Hoàng Lương", "Hoàng Vân", "Hợp Thịnh", "Hùng Sơn", "Lương Phong", "Mai Đình", "Ngọc Sơn", "Thái Sơn"]),
    ("huyện Yên Dũng", &["Cảnh Thụy", "Đồng Phúc", "Đồng Việt", "Đức Giang", "Lãng Sơn", "Lão Hộ", "Tiến Dũng", "Tư Mại", "Xuân Phú", "Yên Lư", "Tân An", "Nham Biền", "Quỳnh Sơn", "Hương Gián", "Tân Liễu"]),
];

/// The schools of a district's communes: (name prefix, code prefix, staff posts).
pub type SchoolLevel = (
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str)],
);

pub const SCHOOL_LEVELS: &[SchoolLevel] = &[
    (
        "Trường Mầm non",
        "MN",
        &[("Giáo viên", "Giáo viên mầm non hạng III")],
    ),
    (
        "Trường Tiểu học",
        "TH",
        &[("Giáo viên", "Giáo viên tiểu học hạng III")],
    ),
    (
        "Trường THCS",
        "THCS",
        &[("Giáo viên", "Giáo viên THCS hạng III")],
    ),
];

/// The head and deputy of a unit, from the first words of its name.
pub fn heads(unit_name: &str) -> (&'static str, &'static str) {
    const PAIRS: &[(&str, &str, &str)] = &[
        (
            "Văn phòng đại diện",
            "Trưởng Văn phòng đại diện",
            "Phó Trưởng Văn phòng đại diện",
        ),
        ("Văn phòng", "Chánh Văn phòng", "Phó Chánh Văn phòng"),
        ("Thanh tra", "Chánh Thanh tra", "Phó Chánh Thanh tra"),
        ("Phòng", "Trưởng phòng", "Phó Trưởng phòng"),
        ("Trung tâm", "Giám đốc Trung tâm", "Phó Giám đốc Trung tâm"),
        ("Chi cục", "Chi cục trưởng", "Phó Chi cục trưởng"),
        ("Ban", "Trưởng ban", "Phó Trưởng ban"),
        ("Trường", "Hiệu trưởng", "Phó Hiệu trưởng"),
        ("Khoa", "Trưởng khoa", "Phó Trưởng khoa"),
        ("Bộ môn", "Trưởng bộ môn", "Phó Trưởng bộ môn"),
        ("Tổ", "Tổ trưởng", "Tổ phó"),
        ("Đội", "Đội trưởng", "Đội phó"),
        ("Bệnh viện", "Giám đốc Bệnh viện", "Phó Giám đốc Bệnh viện"),
        ("Xí nghiệp", "Giám đốc Xí nghiệp", "Phó Giám đốc Xí nghiệp"),
    ];
    PAIRS
        .iter()
        .find(|(p, _, _)| unit_name.starts_with(p))
        .map_or(("Trưởng đơn vị", "Phó Trưởng đơn vị"), |(_, h, d)| (*h, *d))
}

/// Fields of study for a degree, by the kind of post.
pub const FIELDS: &[&str] = &[
    "Luật",
    "Kinh tế",
    "Hành chính học",
    "Quản lý nhà nước",
    "Công nghệ thông tin",
    "Tài chính – Ngân hàng",
    "Kế toán",
    "Quản trị kinh doanh",
];
