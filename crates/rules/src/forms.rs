//! Forms of commendation for an individual: Giấy khen, Bằng khen of the province (path (d)),
//! Bằng khen of the Prime Minister (path (b)), Huân chương Lao động hạng Ba (path (e)).
//!
//! The paths that rest on a judgement the case cannot carry ("outstanding achievement in a
//! movement", "influence in the field") are not assessed: a verdict here says whether the path the
//! data can prove is open.

use crate::case::{Award, Person, format_date_vi};
use crate::codes::{AwardCode, AwardType};
use crate::engine::{Env, Outcome};
use crate::history::{
    History, consumed_items, fresh_items, holds, listed_years, window_after, years_phrase,
};
use crate::individual::{Facts, run_message};
use crate::output::Reasons;

/// Giấy khen của Giám đốc Sở (Law 2022 Art 75; default standard, a setting of the province: LĐTT and an outstanding
/// achievement, which the case cannot carry). Library option only.
pub(crate) fn gk(env: &Env, f: &Facts) -> Outcome {
    let (y, cite) = (env.year, &env.rules.cite);
    let mut r = Reasons::new(env.filter);
    r.check("gk.ldtt", f.ldtt, cite.gk, || {
        if f.ldtt {
            format!("Đạt tiêu chuẩn Lao động tiên tiến năm {y}")
        } else {
            format!("Chưa đạt tiêu chuẩn Lao động tiên tiến năm {y}")
        }
    });
    r.check("gk.achievement", true, cite.gk, || {
        "Thành tích xuất sắc trong phong trào thi đua hoặc đột xuất: hồ sơ không có dữ liệu, coi như đạt — Hội đồng xác định".to_string()
    });
    let next = (!f.ldtt).then(|| f.history.next_clean_year(f.person));
    Outcome::from_reasons(r, f.ldtt).with_next(next)
}

/// Bằng khen của Chủ tịch UBND tỉnh, path (d) (Law 2022 Art 74.1(d)): CSTĐCS two consecutive
/// years, or HTXSNV two or more consecutive years, with two initiatives (or two accepted S&T
/// tasks) recognised at grassroots in that time — on the CSTĐCS branch too unless the setting says
/// otherwise. An item already used as the ground of a CSTĐCS does not count again.
pub(crate) fn bk_tinh(env: &Env, f: &Facts) -> Outcome {
    let (cite, h) = (&env.rules.cite, &f.history);
    let mut common = Reasons::new(env.filter);
    common.check("bk_tinh.compliance", true, cite.bk_tinh, || {
        "Gương mẫu chấp hành chủ trương, chính sách, pháp luật: hồ sơ không có dữ liệu, coi như đạt".to_string()
    });
    let codes = [AwardCode::BkTinh, AwardCode::BkBo];
    let window = window_after(&f.person.awards, &codes);
    let start = window.map(|(_, s)| s);
    common.check("bk_tinh.window", true, cite.ladder_window, || {
        window_message(f.person, window, &codes)
    });
    let used = consumed_items(f.person, f.cstdcs.and_then(|(_, id)| id));
    let clean = h.next_clean_year(f.person);

    // "02 lần liên tục": exactly two, so "in that time" is the two years ending with this one;
    // the HTXSNV branch ("02 năm trở lên") counts over its whole run.
    let run_a = h.run(h.cstdcs, start);
    let mut a = Reasons::new(env.filter);
    a.check("bk_tinh.cstdcs_2_years", run_a >= 2, cite.bk_tinh, || {
        run_message(
            h,
            run_a,
            2,
            "đạt Chiến sĩ thi đua cơ sở",
            ladder_next(h, clean, 2, run_a),
            start,
        )
    });
    let items_a = if env.settings.bk_path_d_initiatives_on_both_branches {
        items_check(
            &mut a,
            "bk_tinh.cstdcs_initiatives",
            env,
            f,
            run_a.min(2),
            &used,
        )
    } else {
        true
    };
    let a_ok = run_a >= 2 && items_a;

    let run_b = h.run(h.htxsnv, start);
    let mut b = Reasons::new(env.filter);
    b.check("bk_tinh.htxsnv_2_years", run_b >= 2, cite.bk_tinh, || {
        run_message(
            h,
            run_b,
            2,
            "Hoàn thành xuất sắc nhiệm vụ",
            ladder_next(h, clean, 2, run_b),
            start,
        )
    });
    let items_b = items_check(&mut b, "bk_tinh.htxsnv_initiatives", env, f, run_b, &used);
    let b_ok = run_b >= 2 && items_b;

    // Alternatives: an eligible verdict lists the branch that holds; otherwise both.
    let ok = a_ok || b_ok;
    let mut reasons = common;
    if a_ok {
        reasons.list.append(&mut a.list);
    } else if b_ok {
        reasons.list.append(&mut b.list);
    } else {
        reasons.list.append(&mut a.list);
        reasons.list.append(&mut b.list);
        reasons.failed = true;
    }
    let next = (!ok).then(|| ladder_next(h, clean, 2, run_a.max(run_b)));
    Outcome::from_reasons(reasons, ok).with_next(next)
}

/// Checks the two initiatives (or two S&T tasks) of path (d) within the last `run` years.
fn items_check(
    r: &mut Reasons,
    rule: &'static str,
    env: &Env,
    f: &Facts,
    run: u32,
    used: &[&str],
) -> bool {
    let y = env.year;
    let len = run.max(1);
    let from = y - len as i32 + 1;
    let (ini, st) = fresh_items(f.person, from, y, used);
    let ok = ini.len() >= 2 || st.len() >= 2;
    r.check(rule, ok, env.rules.cite.bk_tinh, || {
        let years = years_phrase(y, len);
        let mut reused: Vec<&str> = f
            .person
            .initiatives
            .iter()
            .filter(|i| (from..=y).contains(&i.year) && used.contains(&i.id.as_str()))
            .map(|i| i.id.as_str())
            .collect();
        reused.sort_unstable();
        reused.dedup();
        let note = if reused.is_empty() {
            String::new()
        } else {
            format!(" (không tính lại {} đã làm căn cứ Chiến sĩ thi đua cơ sở)", reused.join(", "))
        };
        if ini.len() >= 2 {
            format!("{} sáng kiến được công nhận, áp dụng ở cơ sở trong {years}: {}{note}", ini.len(), ini.join(", "))
        } else if st.len() >= 2 {
            format!("{} nhiệm vụ khoa học và công nghệ được nghiệm thu, áp dụng ở cơ sở trong {years}: {}{note}", st.len(), st.join(", "))
        } else {
            format!(
                "Trong {years} có {} sáng kiến và {} nhiệm vụ khoa học và công nghệ{note}: cần 2 sáng kiến hoặc 2 nhiệm vụ khoa học và công nghệ được công nhận, áp dụng ở cơ sở — sớm nhất năm {}",
                ini.len(),
                st.len(),
                y + 1
            )
        }
    })
}

/// Bằng khen của Thủ tướng, path (b) (Law 2022 Art 73.1(b)): holds a Bằng khen of a ministry or
/// province, then five or more consecutive years HTTNV or better with three CSTĐCS in that time.
pub(crate) fn bk_ttg(env: &Env, f: &Facts) -> Outcome {
    let cite = &env.rules.cite;
    let prerequisite = [AwardCode::BkTinh, AwardCode::BkBo];
    let window_codes = [AwardCode::BkTtg, AwardCode::BkTinh, AwardCode::BkBo];
    let ids = LadderIds {
        prerequisite: "bk_ttg.prerequisite",
        window: "bk_ttg.window",
        run: "bk_ttg.httnv_5_years",
        cstdcs: "bk_ttg.cstdcs_3",
        htxsnv: None,
    };
    ladder_form(env, f, &ids, cite.bk_ttg, &prerequisite, &window_codes)
}

/// Huân chương Lao động hạng Ba, path (e) (Law 2022 Art 44.1(e)): holds a Bằng khen of the Prime
/// Minister, then five or more consecutive years HTTNV or better with at least one HTXSNV and three
/// CSTĐCS in that time. Library option only.
pub(crate) fn hcld3(env: &Env, f: &Facts) -> Outcome {
    let cite = &env.rules.cite;
    let ids = LadderIds {
        prerequisite: "hcld3.prerequisite",
        window: "hcld3.window",
        run: "hcld3.httnv_5_years",
        cstdcs: "hcld3.cstdcs_3",
        htxsnv: Some("hcld3.htxsnv_1"),
    };
    ladder_form(
        env,
        f,
        &ids,
        cite.hcld3,
        &[AwardCode::BkTtg],
        &[AwardCode::Hcld3, AwardCode::BkTtg],
    )
}

/// The rule ids of a ladder form's conditions.
struct LadderIds {
    prerequisite: &'static str,
    window: &'static str,
    run: &'static str,
    cstdcs: &'static str,
    /// Set when the form also needs a year of HTXSNV in the run.
    htxsnv: Option<&'static str>,
}

/// The shared shape of BK_TTG and HCLD3: a prerequisite form, then a five-year run in its window.
fn ladder_form(
    env: &Env,
    f: &Facts,
    ids: &LadderIds,
    citation: &'static str,
    prerequisite: &[AwardCode],
    window_codes: &[AwardCode],
) -> Outcome {
    let needs_htxsnv = ids.htxsnv.is_some();
    let (y, h) = (env.year, &f.history);
    let mut r = Reasons::new(env.filter);
    let (held, other) = holds(&f.person.awards, prerequisite);
    let pre_name = award_name(prerequisite[0]);
    r.check(ids.prerequisite, held.is_some(), citation, || match (held, other) {
        (Some(a), _) => format!("Đã có {} (quyết định ngày {})", award_name(a.code), format_date_vi(a.decided_on)),
        (None, Some(o)) => format!(
            "Chưa có {pre_name} khen công trạng: khen {} ngày {} không được tính (Nghị định 98/2023/NĐ-CP, Điều 4 khoản 3)",
            type_name(o.kind),
            format_date_vi(o.decided_on)
        ),
        (None, None) => format!("Chưa có {pre_name} (khen thưởng công trạng)"),
    });
    let window = window_after(&f.person.awards, window_codes);
    let start = window.map(|(_, s)| s);
    r.check(ids.window, true, env.rules.cite.ladder_window, || {
        window_message(f.person, window, window_codes)
    });
    let clean = h.next_clean_year(f.person);
    let run = h.run(h.httnv_plus, start);
    let cstdcs = h.count(h.cstdcs, run);
    let htxsnv = h.count(h.htxsnv, run);
    let mut need = [5u32.saturating_sub(run), 3u32.saturating_sub(cstdcs), 0];
    if needs_htxsnv {
        need[2] = 1u32.saturating_sub(htxsnv);
    }
    let wait = need.into_iter().max().unwrap_or(0).max(1);
    let next_year = if clean == y + 1 {
        y + wait as i32
    } else {
        clean + 4
    };
    r.check(ids.run, run >= 5, citation, || {
        run_message(
            h,
            run,
            5,
            "Hoàn thành tốt nhiệm vụ trở lên",
            next_year,
            start,
        )
    });
    r.check(ids.cstdcs, cstdcs >= 3, citation, || {
        let listed = listed_years(h, h.cstdcs, run);
        if cstdcs >= 3 {
            format!("{cstdcs} lần Chiến sĩ thi đua cơ sở trong thời gian đó ({listed})")
        } else {
            format!(
                "{cstdcs} lần Chiến sĩ thi đua cơ sở trong thời gian đó{}: cần 3 lần — sớm nhất năm {next_year}",
                if listed.is_empty() { String::new() } else { format!(" ({listed})") }
            )
        }
    });
    let mut ok = held.is_some() && run >= 5 && cstdcs >= 3;
    if let Some(rule) = ids.htxsnv {
        ok &= htxsnv >= 1;
        r.check(rule, htxsnv >= 1, citation, || {
            if htxsnv >= 1 {
                format!("{htxsnv} năm Hoàn thành xuất sắc nhiệm vụ trong thời gian đó ({})", listed_years(h, h.htxsnv, run))
            } else {
                format!("Chưa có năm Hoàn thành xuất sắc nhiệm vụ trong thời gian đó: cần ít nhất 1 năm — sớm nhất năm {next_year}")
            }
        });
    }
    // Without the prerequisite form, the earliest year depends on a decision not yet taken.
    let next = (!ok && held.is_some()).then_some(next_year);
    Outcome::from_reasons(r, ok).with_next(next)
}

/// The earliest year a run of `need` years can be reached from a run of `run` years, if the next
/// clean year is `clean`.
fn ladder_next(h: &History, clean: i32, need: u32, run: u32) -> i32 {
    if clean == h.year + 1 {
        h.year + need.saturating_sub(run).max(1) as i32
    } else {
        clean + need as i32 - 1
    }
}

fn window_message(person: &Person, window: Option<(&Award, i32)>, codes: &[AwardCode]) -> String {
    let ignored = person
        .awards
        .iter()
        .any(|a| a.kind != AwardType::CongTrang && codes.contains(&a.code));
    let tail = if ignored {
        "; khen thưởng đột xuất, chuyên đề, phong trào, cống hiến không được tính"
    } else {
        ""
    };
    match window {
        Some((a, start)) => format!(
            "{} gần nhất quyết định ngày {}{}: tính thành tích từ năm {start}{tail}",
            award_name(a.code),
            format_date_vi(a.decided_on),
            a.period_to_year
                .map(|p| format!(", thành tích đến năm {p}"))
                .unwrap_or_default()
        ),
        None => format!(
            "Chưa có {} (khen thưởng công trạng): tính các năm đã ghi nhận{tail}",
            award_name(codes[0])
        ),
    }
}

fn award_name(code: AwardCode) -> &'static str {
    match code {
        AwardCode::Gk => "Giấy khen của Giám đốc Sở",
        AwardCode::BkTinh => "Bằng khen của Chủ tịch UBND tỉnh",
        AwardCode::BkBo => "Bằng khen của Bộ trưởng",
        AwardCode::BkTtg => "Bằng khen của Thủ tướng Chính phủ",
        AwardCode::Hcld3 => "Huân chương Lao động hạng Ba",
        AwardCode::Hcld2 => "Huân chương Lao động hạng Nhì",
        AwardCode::Hcld1 => "Huân chương Lao động hạng Nhất",
    }
}

fn type_name(kind: AwardType) -> &'static str {
    match kind {
        AwardType::CongTrang => "công trạng",
        AwardType::DotXuat => "đột xuất",
        AwardType::ChuyenDe => "chuyên đề",
        AwardType::PhongTrao => "phong trào thi đua",
        AwardType::CongHien => "quá trình cống hiến",
    }
}
