//! Sample inputs for demos, previews, tests and benchmarks: a Mẫu 03, a Mẫu 02, a certificate, a
//! decision with an annexed list of any length. The people are invented.

use time::macros::date;

use crate::certificate::Certificate;
use crate::dates::DocDate;
use crate::decision::{AwardDecision, ListedPerson};
use crate::model::Signer;
use crate::report::{
    CollectiveFeatures, CollectiveReport, IndividualReport, Initiative, PersonProfile,
    RecordedAward,
};

const FAMILY: [&str; 12] = [
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương", "Lý",
];
const MIDDLE: [&str; 10] = [
    "Văn", "Thị", "Hữu", "Đức", "Minh", "Thu", "Quang", "Thanh", "Ngọc", "Xuân",
];
const GIVEN: [&str; 16] = [
    "An", "Bình", "Châu", "Dũng", "Giang", "Hà", "Hùng", "Khánh", "Lan", "Long", "Mai", "Nam",
    "Phương", "Quỳnh", "Sơn", "Trang",
];
const UNITS: [&str; 7] = [
    "Văn phòng",
    "Thanh tra",
    "Phòng Kế hoạch – Tài chính",
    "Phòng Quản lý khoa học",
    "Phòng Quản lý công nghệ",
    "Chi cục Tiêu chuẩn Đo lường Chất lượng",
    "Trung tâm Ứng dụng KH&CN",
];
const POSITIONS: [&str; 4] = [
    "Chuyên viên",
    "Phó Trưởng phòng",
    "Viên chức",
    "Kế toán viên",
];

/// The director of the sample agency.
pub fn director() -> Signer {
    Signer {
        authority: None,
        position: "GIÁM ĐỐC".into(),
        note: None,
        name: "Nguyễn Văn Minh".into(),
    }
}

/// `n` invented people, deterministic.
pub fn people(n: usize) -> Vec<ListedPerson> {
    (0..n)
        .map(|i| ListedPerson {
            name: format!(
                "{} {} {}",
                FAMILY[i % 12],
                MIDDLE[(i / 12) % 10],
                GIVEN[(i * 7 + i / 120) % 16]
            ),
            position: POSITIONS[i % 4].to_owned(),
            unit: UNITS[(i / 3) % 7].to_owned(),
        })
        .collect()
}

/// A Giấy khen decision of the director for `n` people, issued 20/12/2024 as number 120.
pub fn award_decision(n: usize) -> AwardDecision {
    AwardDecision {
        governing_body: Some("UBND TỈNH BẮC GIANG".into()),
        issuing_body: "SỞ KHOA HỌC VÀ CÔNG NGHỆ".into(),
        agency_symbol: "KHCN".into(),
        place: "Bắc Giang".into(),
        number: Some(120),
        date: DocDate::full(date!(2024 - 12 - 20)),
        authority: "Giám đốc Sở Khoa học và Công nghệ".into(),
        summary: "Về việc tặng Giấy khen cho các cá nhân có thành tích xuất sắc\ntrong phong trào thi đua năm 2024".into(),
        bases: vec![
            "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;".into(),
            "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng;".into(),
            "Căn cứ Kế hoạch số 05/KH-KHCN ngày 25 tháng 01 năm 2024 của Sở Khoa học và Công nghệ phát động phong trào thi đua năm 2024;".into(),
            "Theo đề nghị của Hội đồng Thi đua – Khen thưởng Sở.".into(),
        ],
        award: "Giấy khen của Giám đốc Sở Khoa học và Công nghệ".into(),
        achievement: "đã có thành tích xuất sắc trong phong trào thi đua năm 2024".into(),
        amount_each: Some(710_000),
        fund: Some("Quỹ thi đua, khen thưởng của Sở".into()),
        executors: "Chánh Văn phòng Sở, Trưởng các phòng, đơn vị thuộc Sở và các cá nhân có tên tại Điều 1".into(),
        list_title: "DANH SÁCH CÁ NHÂN ĐƯỢC TẶNG GIẤY KHEN\nCỦA GIÁM ĐỐC SỞ KHOA HỌC VÀ CÔNG NGHỆ".into(),
        people: people(n),
        signer: director(),
        recipients: vec!["Như Điều 3".into(), "Lãnh đạo Sở".into()],
        archive: Some("VT, VP".into()),
    }
}

fn award(year: i32, name: &str, number: &str, d: time::Date, issuer: &str) -> RecordedAward {
    RecordedAward {
        year,
        name: name.into(),
        decision_number: number.into(),
        decision_date: Some(d),
        issuer: issuer.into(),
    }
}

/// A Mẫu 03 for an invented specialist proposed for Chiến sĩ thi đua cơ sở 2024.
pub fn individual_report() -> IndividualReport {
    IndividualReport {
        proposal: "danh hiệu Chiến sĩ thi đua cơ sở năm 2024".into(),
        place: "Bắc Giang".into(),
        date: DocDate::full(date!(2024 - 11 - 25)),
        profile: PersonProfile {
            full_name: "Nguyễn Thị Thu Hà".into(),
            date_of_birth: Some(date!(1986 - 03 - 14)),
            gender: "Nữ".into(),
            ethnicity: "Kinh".into(),
            religion: None,
            hometown: "xã Tân Dĩnh, huyện Lạng Giang, tỉnh Bắc Giang".into(),
            residence: "phường Hoàng Văn Thụ, thành phố Bắc Giang, tỉnh Bắc Giang".into(),
            unit: "Phòng Quản lý khoa học, Sở Khoa học và Công nghệ tỉnh Bắc Giang".into(),
            position: "Phó Trưởng phòng Quản lý khoa học; Đảng viên".into(),
            political_theory: "Trung cấp".into(),
            qualification: "Thạc sĩ Quản lý khoa học và công nghệ".into(),
            academic_titles: "Không".into(),
        },
        duties: "Tham mưu cho Lãnh đạo Sở quản lý các nhiệm vụ khoa học và công nghệ cấp tỉnh; theo dõi, kiểm tra việc thực hiện, đánh giá nghiệm thu các đề tài, dự án trên địa bàn tỉnh.".into(),
        achievements: "Năm 2024, tham mưu tổ chức xét duyệt 18 nhiệm vụ khoa học và công nghệ cấp tỉnh, kiểm tra tiến độ 32 nhiệm vụ, tổ chức nghiệm thu 15 nhiệm vụ đúng thời hạn.\n\n- Hoàn thành 100% nhiệm vụ được giao, được đánh giá, xếp loại hoàn thành xuất sắc nhiệm vụ.\n\n- Tích cực tham gia các phong trào thi đua do cơ quan và Công đoàn phát động.".into(),
        initiatives: vec![Initiative {
            name: "Quy trình số hóa hồ sơ đánh giá, nghiệm thu nhiệm vụ khoa học và công nghệ cấp tỉnh".into(),
            recognition: "Quyết định số 98/QĐ-KHCN ngày 08/11/2024 của Giám đốc Sở công nhận sáng kiến cấp cơ sở".into(),
            effect: Some("Rút ngắn thời gian chuẩn bị hồ sơ nghiệm thu từ 10 ngày xuống 4 ngày.".into()),
        }],
        titles: vec![
            award(2022, "Lao động tiên tiến", "115/QĐ-KHCN", date!(2022 - 12 - 19), "Giám đốc Sở KH&CN"),
            award(2023, "Chiến sĩ thi đua cơ sở", "121/QĐ-KHCN", date!(2023 - 12 - 20), "Giám đốc Sở KH&CN"),
        ],
        forms: vec![award(2023, "Giấy khen của Giám đốc Sở", "122/QĐ-KHCN", date!(2023 - 12 - 20), "Giám đốc Sở KH&CN")],
        head_of_unit: Signer {
            authority: None,
            position: "THỦ TRƯỞNG ĐƠN VỊ XÁC NHẬN, ĐỀ NGHỊ".into(),
            note: None,
            name: "Trần Quang Sơn".into(),
        },
    }
}

/// A Mẫu 02 for an invented unit proposed for Tập thể lao động tiên tiến 2024.
pub fn collective_report() -> CollectiveReport {
    CollectiveReport {
        proposal: "danh hiệu Tập thể lao động tiên tiến năm 2024".into(),
        superior_unit: "SỞ KHOA HỌC VÀ CÔNG NGHỆ".into(),
        unit_header: "PHÒNG QUẢN LÝ KHOA HỌC".into(),
        unit_name: "Phòng Quản lý khoa học, Sở Khoa học và Công nghệ tỉnh Bắc Giang".into(),
        place: "Bắc Giang".into(),
        date: DocDate::full(date!(2024 - 11 - 25)),
        features: CollectiveFeatures {
            address: "Số 2 đường Hùng Vương, thành phố Bắc Giang; điện thoại 0204.3854.xxx".into(),
            history: "Thành lập năm 2008 trên cơ sở tổ chức lại các phòng chuyên môn của Sở.".into(),
            characteristics: "Phòng có 06 công chức, trong đó 02 thạc sĩ, 04 đại học; 05 đảng viên.".into(),
        },
        functions: "Tham mưu, giúp Giám đốc Sở quản lý nhà nước về hoạt động nghiên cứu khoa học, phát triển công nghệ và các nhiệm vụ khoa học và công nghệ trên địa bàn tỉnh.".into(),
        achievements: "Hoàn thành 100% chỉ tiêu, nhiệm vụ năm 2024; tham mưu triển khai 32 nhiệm vụ khoa học và công nghệ cấp tỉnh.\n\n- 100% công chức hoàn thành tốt nhiệm vụ trở lên; 04/06 công chức đạt danh hiệu Lao động tiên tiến.".into(),
        measures: "Phân công nhiệm vụ rõ người, rõ việc, rõ thời hạn; hưởng ứng phong trào thi đua «3 đảm, 3 hơn, 5 rõ».".into(),
        party_work: "Thực hiện nghiêm chủ trương, chính sách của Đảng, pháp luật của Nhà nước; chi bộ đạt trong sạch, vững mạnh.".into(),
        initiatives: Vec::new(),
        titles: vec![award(2023, "Tập thể lao động tiên tiến", "121/QĐ-KHCN", date!(2023 - 12 - 20), "Giám đốc Sở KH&CN")],
        forms: Vec::new(),
        head_of_unit: Signer { authority: None, position: "TRƯỞNG PHÒNG".into(), note: None, name: "Trần Quang Sơn".into() },
        superior_head: Signer {
            authority: None,
            position: "THỦ TRƯỞNG ĐƠN VỊ CẤP TRÊN TRỰC TIẾP NHẬN XÉT, XÁC NHẬN".into(),
            note: None,
            name: "Nguyễn Văn Minh".into(),
        },
    }
}

/// A Giấy khen for an invented specialist.
pub fn certificate() -> Certificate {
    Certificate {
        issuer_title: "GIÁM ĐỐC SỞ KHOA HỌC VÀ CÔNG NGHỆ TỈNH BẮC GIANG".into(),
        verb: "TẶNG".into(),
        title: "GIẤY KHEN".into(),
        recipient: "Bà Nguyễn Thị Thu Hà".into(),
        unit: Some("Phó Trưởng phòng Quản lý khoa học".into()),
        achievement: "Đã có thành tích xuất sắc trong phong trào thi đua năm 2024".into(),
        decision_number: "120/QĐ-KHCN".into(),
        decision_date: date!(2024 - 12 - 20),
        register_number: Some("2024/015".into()),
        place: "Bắc Giang".into(),
        signer: director(),
    }
}
