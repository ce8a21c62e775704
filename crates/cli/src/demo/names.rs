//! Word lists for the demo: Vietnamese names, places of Bắc Giang, and the titles of initiatives
//! and S&T tasks typical of a Sở KH&CN. All text is NFC.

/// Family names of the Kinh majority, with weights roughly as common as they are in the north.
pub const FAMILY: &[(&str, u32)] = &[
    ("Nguyễn", 28),
    ("Trần", 9),
    ("Lê", 8),
    ("Phạm", 6),
    ("Hoàng", 5),
    ("Phan", 3),
    ("Vũ", 4),
    ("Võ", 1),
    ("Đặng", 3),
    ("Bùi", 3),
    ("Đỗ", 3),
    ("Hồ", 1),
    ("Ngô", 3),
    ("Dương", 2),
    ("Lý", 1),
    ("Đào", 2),
    ("Đinh", 2),
    ("Lương", 1),
    ("Trịnh", 1),
    ("Triệu", 1),
    ("Thân", 2),
    ("Giáp", 2),
    ("Hà", 1),
    ("Chu", 1),
    ("Tạ", 1),
    ("Mai", 1),
    ("Huỳnh", 1),
];

/// Ethnic minorities of Bắc Giang, with family names usual among them.
pub const MINORITIES: &[(&str, &[&str])] = &[
    ("Tày", &["Nông", "Hoàng", "Vi", "Lương", "Hà"]),
    ("Nùng", &["Hoàng", "Vi", "Lương", "Nông", "Triệu"]),
    ("Sán Dìu", &["Lý", "Trương", "Diệp", "Đặng"]),
    ("Hoa", &["Lý", "Trương", "Lưu", "Hà"]),
];

/// Middle names for men.
pub const MIDDLE_MALE: &[&str] = &[
    "Văn", "Văn", "Văn", "Đức", "Minh", "Quang", "Thanh", "Ngọc", "Xuân", "Mạnh", "Hữu", "Tiến",
    "Công", "Duy", "Hoàng", "Thế", "Việt", "Trọng", "Đình", "Anh",
];

/// Middle names for women.
pub const MIDDLE_FEMALE: &[&str] = &[
    "Thị",
    "Thị",
    "Thị",
    "Thu",
    "Ngọc",
    "Thanh",
    "Hồng",
    "Minh",
    "Thị Thu",
    "Thị Hồng",
    "Phương",
    "Kim",
    "Bích",
    "Thị Thanh",
    "Thùy",
    "Hải",
    "Thị Ngọc",
];

/// Given names for men.
pub const GIVEN_MALE: &[&str] = &[
    "Anh",
    "Bình",
    "Cường",
    "Dũng",
    "Duy",
    "Đạt",
    "Hải",
    "Hiếu",
    "Hoàng",
    "Hùng",
    "Huy",
    "Khánh",
    "Khoa",
    "Kiên",
    "Lâm",
    "Long",
    "Minh",
    "Nam",
    "Nghĩa",
    "Phong",
    "Phúc",
    "Quân",
    "Quang",
    "Sơn",
    "Tài",
    "Thắng",
    "Thịnh",
    "Tiến",
    "Toàn",
    "Tú",
    "Tùng",
    "Việt",
    "Hưng",
    "Lực",
    "Hậu",
    "Chiến",
    "Hòa",
    "Giang",
    "Đông",
    "Thái",
    "Hiệp",
    "Trường",
    "Bảo",
    "Công",
    "Định",
];

/// Given names for women.
pub const GIVEN_FEMALE: &[&str] = &[
    "Anh", "Ánh", "Chi", "Dung", "Duyên", "Giang", "Hà", "Hạnh", "Hằng", "Hiền", "Hoa", "Huế",
    "Hương", "Hường", "Lan", "Liên", "Linh", "Loan", "Mai", "Ngân", "Ngọc", "Nhung", "Oanh",
    "Phương", "Quyên", "Quỳnh", "Tâm", "Thảo", "Thủy", "Trang", "Uyên", "Vân", "Yến", "Hồng",
    "Nga", "Huyền", "Lụa", "Thơm", "Thư", "Xuân",
];

/// Home communes by district of Bắc Giang: (district, communes).
pub const HOMETOWNS: &[(&str, &[&str])] = &[
    (
        "huyện Lục Nam",
        &["xã Cẩm Lý", "xã Bảo Sơn", "xã Chu Điện", "xã Đông Phú"],
    ),
    (
        "huyện Lạng Giang",
        &[
            "xã Tân Dĩnh",
            "xã Quang Thịnh",
            "xã Nghĩa Hòa",
            "xã Xương Lâm",
        ],
    ),
    (
        "huyện Yên Dũng",
        &["xã Lãng Sơn", "xã Trí Yên", "xã Đồng Phúc", "xã Tư Mại"],
    ),
    (
        "thị xã Việt Yên",
        &[
            "xã Tăng Tiến",
            "xã Hồng Thái",
            "xã Vân Trung",
            "xã Minh Đức",
        ],
    ),
    (
        "huyện Hiệp Hòa",
        &["xã Đức Thắng", "xã Mai Đình", "xã Đoan Bái", "xã Hợp Thịnh"],
    ),
    (
        "huyện Tân Yên",
        &[
            "xã Ngọc Thiện",
            "xã Cao Thượng",
            "xã Phúc Hòa",
            "xã Liên Sơn",
        ],
    ),
    (
        "huyện Yên Thế",
        &["xã Đồng Kỳ", "xã Tam Tiến", "xã Phồn Xương", "xã Đồng Lạc"],
    ),
    (
        "huyện Sơn Động",
        &[
            "thị trấn An Châu",
            "xã Tuấn Đạo",
            "xã Vĩnh An",
            "xã Dương Hưu",
        ],
    ),
    (
        "huyện Lục Ngạn",
        &[
            "xã Phượng Sơn",
            "xã Quý Sơn",
            "xã Tân Quang",
            "xã Hồng Giang",
        ],
    ),
    (
        "thành phố Bắc Giang",
        &[
            "phường Trần Phú",
            "phường Dĩnh Kế",
            "xã Song Mai",
            "phường Đa Mai",
        ],
    ),
];

/// Districts where the minorities of Bắc Giang mostly live (hometowns of minority staff).
pub const MINORITY_DISTRICTS: &[usize] = &[0, 6, 7, 8];

/// Wards of the city, for residences.
pub const WARDS: &[&str] = &[
    "phường Trần Phú",
    "phường Ngô Quyền",
    "phường Hoàng Văn Thụ",
    "phường Lê Lợi",
    "phường Trần Nguyên Hãn",
    "phường Mỹ Độ",
    "phường Thọ Xương",
    "phường Xương Giang",
    "phường Dĩnh Kế",
    "phường Đa Mai",
];

/// Sáng kiến and nhiệm vụ KH&CN by field, for the staff of the units working in it:
/// (unit codes, titles of initiatives, titles of S&T tasks).
pub const TOPICS: &[(&[&str], &[&str], &[&str])] = &[
    (
        &["VP", "KHTC", "TTRA", "LD"],
        &[
            "Giải pháp số hóa sổ theo dõi văn bản đi, đến tại Văn phòng Sở",
            "Ứng dụng phần mềm quản lý tài sản công tại Sở Khoa học và Công nghệ",
            "Cải tiến công tác lập dự toán kinh phí sự nghiệp khoa học và công nghệ",
            "Quy trình tiếp nhận, trả kết quả thủ tục hành chính qua dịch vụ bưu chính công ích",
            "Giải pháp bảo đảm an toàn thông tin cho hệ thống một cửa điện tử của Sở",
            "Sổ tay hướng dẫn thanh tra chuyên ngành về tiêu chuẩn, đo lường, chất lượng",
            "Giải pháp quản lý hồ sơ thanh tra, kiểm tra trên môi trường mạng",
            "Ứng dụng chữ ký số trong thanh toán, quyết toán kinh phí nhiệm vụ khoa học và công nghệ",
            "Quy trình lưu trữ hồ sơ điện tử tại Văn phòng Sở",
            "Giải pháp tổng hợp báo cáo định kỳ của các phòng, đơn vị trên phần mềm",
            "Cải tiến quy trình xử lý đơn thư khiếu nại, tố cáo lĩnh vực khoa học và công nghệ",
            "Giải pháp theo dõi, đôn đốc thực hiện nhiệm vụ được giao trên hệ thống quản lý văn bản",
        ],
        &[
            "Đánh giá hiệu quả đầu tư cho khoa học và công nghệ từ ngân sách tỉnh giai đoạn 2016–2020",
            "Nghiên cứu giải pháp nâng cao hiệu quả thanh tra chuyên ngành khoa học và công nghệ",
        ],
    ),
    (
        &["QLKH"],
        &[
            "Xây dựng cơ sở dữ liệu chuyên gia khoa học và công nghệ tỉnh Bắc Giang",
            "Xây dựng bộ tiêu chí đánh giá hiệu quả nhiệm vụ KH&CN sau nghiệm thu",
            "Số hóa quy trình xét duyệt thuyết minh nhiệm vụ khoa học và công nghệ",
            "Giải pháp nâng cao chất lượng thông tin thống kê khoa học và công nghệ cấp tỉnh",
            "Quy trình theo dõi, kiểm tra tiến độ nhiệm vụ khoa học và công nghệ cấp tỉnh",
        ],
        &[
            "Xây dựng bản đồ số tài nguyên khoa học và công nghệ tỉnh Bắc Giang",
            "Nghiên cứu đề xuất cơ chế đặt hàng nhiệm vụ khoa học và công nghệ cấp tỉnh",
        ],
    ),
    (
        &["QLCN", "QLCNG"],
        &[
            "Cải tiến quy trình thẩm định hồ sơ đăng ký chuyển giao công nghệ",
            "Giải pháp hỗ trợ doanh nghiệp đăng ký nhãn hiệu cho sản phẩm OCOP",
            "Quy trình giải quyết thủ tục hành chính lĩnh vực an toàn bức xạ trên môi trường mạng",
            "Sổ tay hướng dẫn doanh nghiệp nhỏ và vừa đổi mới công nghệ",
            "Giải pháp kết nối cung – cầu công nghệ qua sàn giao dịch công nghệ trực tuyến",
            "Quy trình kiểm tra an toàn bức xạ tại cơ sở X-quang y tế",
            "Giải pháp quản lý hồ sơ chỉ dẫn địa lý vải thiều Lục Ngạn",
            "Hướng dẫn xác lập quyền sở hữu công nghiệp cho hợp tác xã nông nghiệp",
        ],
        &[
            "Điều tra, đánh giá trình độ công nghệ sản xuất của doanh nghiệp tỉnh Bắc Giang",
            "Xây dựng và quản lý nhãn hiệu chứng nhận cho sản phẩm gà đồi Yên Thế",
        ],
    ),
    (
        &["CCTDC", "CCTDC-TC", "CCTDC-DL"],
        &[
            "Giải pháp nâng cao hiệu quả kiểm tra nhà nước về đo lường đối với xăng dầu",
            "Quy trình hiệu chuẩn cân ô tô tại hiện trường",
            "Giải pháp quản lý lịch kiểm định phương tiện đo nhóm 2 bằng phần mềm",
            "Hướng dẫn áp dụng công cụ cải tiến năng suất 5S tại doanh nghiệp nhỏ và vừa",
            "Quy trình kiểm tra chất lượng mũ bảo hiểm lưu thông trên thị trường",
            "Mô hình hướng dẫn doanh nghiệp áp dụng TCVN ISO 9001:2015",
            "Giải pháp kiểm tra nhãn hàng hóa tại các chợ đầu mối trên địa bàn tỉnh",
            "Quy trình kiểm định đồng hồ nước lạnh cơ khí",
            "Giải pháp tiếp nhận hồ sơ công bố hợp chuẩn, hợp quy trực tuyến",
            "Quy trình kiểm định taximet điện tử",
            "Giải pháp hướng dẫn cơ sở kinh doanh vàng tự kiểm tra phép đo khối lượng",
        ],
        &[
            "Xây dựng hệ thống chuẩn đo lường khối lượng phục vụ kiểm định cân thương mại",
            "Nghiên cứu áp dụng hệ thống quản lý phòng thử nghiệm theo TCVN ISO/IEC 17025:2017",
        ],
    ),
    (
        &["TTUD"],
        &[
            "Quy trình nhân giống nấm dược liệu tại Trung tâm Ứng dụng khoa học và công nghệ",
            "Ứng dụng chế phẩm sinh học trong xử lý phụ phẩm nông nghiệp",
            "Giải pháp tuyên truyền phổ biến kiến thức khoa học và công nghệ trên mạng xã hội",
            "Ứng dụng mã QR truy xuất nguồn gốc nông sản chủ lực của tỉnh",
            "Cải tiến quy trình nuôi cấy mô cây chuối tiêu hồng",
            "Giải pháp tiết kiệm điện năng trong vận hành phòng nuôi cấy mô",
            "Quy trình sản xuất chế phẩm vi sinh xử lý rơm rạ",
            "Giải pháp quản lý mẫu giống cây trồng bằng cơ sở dữ liệu",
            "Quy trình bảo quản nấm sò sau thu hoạch",
            "Ứng dụng camera giám sát quy trình sản xuất giống tại Trung tâm",
            "Giải pháp đăng tải bản tin khoa học và công nghệ trên Cổng thông tin điện tử",
            "Quy trình sản xuất meo giống nấm rơm",
            "Cải tiến giá thể trồng lan kim tuyến",
            "Giải pháp phối trộn giá thể hữu cơ trồng rau trong nhà màng",
            "Quy trình kiểm tra chất lượng phân bón hữu cơ vi sinh tại phòng thí nghiệm",
            "Giải pháp số hóa thư viện khoa học và công nghệ tỉnh",
            "Quy trình chăm sóc cây giống ba kích tím giai đoạn vườn ươm",
            "Mô hình trình diễn công nghệ tưới nhỏ giọt cho cây ăn quả",
            "Giải pháp quảng bá sản phẩm ứng dụng tiến bộ kỹ thuật tại hội chợ công nghệ",
            "Quy trình nhân giống cây na dai bằng phương pháp ghép",
            "Giải pháp thu thập số liệu thống kê khoa học và công nghệ trực tuyến",
            "Quy trình ủ phân hữu cơ từ phụ phẩm vải thiều",
            "Cải tiến quy trình sản xuất nấm linh chi trên giá thể mùn cưa",
            "Ứng dụng phần mềm quản lý hợp đồng dịch vụ khoa học và công nghệ",
        ],
        &[
            "Nghiên cứu quy trình nhân giống in vitro cây ba kích tím",
            "Ứng dụng tiến bộ kỹ thuật sản xuất nấm đông trùng hạ thảo",
            "Xây dựng mô hình sản xuất giống vải thiều chín sớm bằng phương pháp ghép cải tạo",
            "Nghiên cứu ứng dụng chế phẩm sinh học sản xuất phân bón hữu cơ từ phụ phẩm nông nghiệp",
        ],
    ),
];
