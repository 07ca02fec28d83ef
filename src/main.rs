mod kb;
fn main() {
    let kb = kb::Kb::builtin();
    for p in kb.procedures() { println!("{} {}", p.id, p.title); }
}
