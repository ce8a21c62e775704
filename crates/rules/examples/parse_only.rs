//! Reads and parses a case file into the engine's input types, and does nothing else: the
//! baseline the evaluation is measured against (`bench/rules.sh`).

fn main() {
    let path = std::env::args().nth(1).unwrap_or_else(|| "-".to_string());
    let json = if path == "-" {
        let mut v = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut v).expect("read stdin");
        v
    } else {
        std::fs::read(&path).expect("read the case file")
    };
    match tdkt_rules::parse_case(&json) {
        Ok(case) => println!("{} people, {} units", case.people.len(), case.units.len()),
        Err(problems) => {
            eprintln!("{} problems", problems.len());
            std::process::exit(2);
        }
    }
}
