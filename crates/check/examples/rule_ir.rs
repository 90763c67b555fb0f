//! Runs each rule of the registry through its own never-inlined function (`m_0`, `m_1`, … in registry order)
//! so that callgrind attributes instructions to each rule: `bench/rule_instructions.sh` reads them.
//! Prints the registry order (`m INDEX CODE`), then checks the seed N times on one shared context per run.

// The allocator the `yusuan` binary uses.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use yusuan_check::{all_rules, Ctx, Rule, Sink};

type Slot = fn(&Rule, &Ctx, &mut Sink);

macro_rules! slots {
    ($($name:ident)*) => {
        $(
            #[inline(never)]
            fn $name(r: &Rule, cx: &Ctx, s: &mut Sink) {
                // a body of its own, so that no two slots are folded into one function
                std::hint::black_box(stringify!($name));
                (r.check)(cx, s)
            }
        )*
        const SLOTS: &[Slot] = &[$($name),*];
    };
}

slots!(m_0 m_1 m_2 m_3 m_4 m_5 m_6 m_7 m_8 m_9 m_10 m_11 m_12 m_13 m_14 m_15 m_16 m_17 m_18 m_19 m_20 m_21 m_22 m_23 m_24 m_25 m_26 m_27 m_28 m_29 m_30 m_31 m_32 m_33 m_34 m_35 m_36 m_37 m_38 m_39 m_40 m_41 m_42 m_43 m_44 m_45 m_46 m_47 m_48 m_49 m_50 m_51 m_52 m_53 m_54 m_55 m_56 m_57 m_58 m_59 m_60 m_61 m_62 m_63 m_64 m_65 m_66 m_67 m_68 m_69 m_70 m_71 m_72 m_73 m_74 m_75 m_76 m_77 m_78 m_79 m_80 m_81 m_82 m_83 m_84 m_85 m_86 m_87 m_88 m_89 m_90 m_91 m_92 m_93 m_94 m_95 m_96 m_97 m_98 m_99 m_100 m_101 m_102 m_103 m_104 m_105 m_106 m_107 m_108 m_109 m_110 m_111 m_112 m_113 m_114 m_115 m_116 m_117 m_118 m_119 m_120 m_121 m_122 m_123 m_124 m_125 m_126 m_127 m_128 m_129 m_130 m_131 m_132 m_133 m_134 m_135 m_136 m_137 m_138 m_139 m_140 m_141 m_142 m_143 m_144 m_145 m_146 m_147 m_148 m_149 m_150 m_151 m_152 m_153 m_154 m_155 m_156 m_157 m_158 m_159);

fn main() {
    let seed = include_str!("../../../fixtures/hanshan-kegongxin-2025-budget.txt");
    let layout = yusuan_model::Layout::by_id("hebei-dept-budget").expect("bundled layout");
    let catalog = yusuan_model::Catalog::bundled();
    let n: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(10);
    let rules = all_rules();
    assert!(rules.len() <= SLOTS.len(), "more rules than slots: add names to slots!");
    for (i, r) in rules.iter().enumerate() {
        println!("m {i} {}", r.code);
    }
    for _ in 0..n {
        let doc = yusuan_read::read_text("seed", seed, layout);
        let cx = Ctx::new(&doc, catalog, layout);
        for (r, slot) in rules.iter().zip(SLOTS) {
            let mut sink = Sink::new(r);
            slot(r, &cx, &mut sink);
            std::hint::black_box(sink.finish());
        }
    }
}
