//! Runs each rule through its own function so callgrind can attribute instructions per rule (not committed).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use yusuan_check::{all_rules, Ctx, Sink};
type F = fn(&yusuan_check::Rule, &Ctx, &mut Sink);
#[inline(never)]
fn m_0(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(0u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_1(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(1u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_2(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(2u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_3(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(3u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_4(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(4u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_5(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(5u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_6(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(6u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_7(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(7u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_8(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(8u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_9(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(9u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_10(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(10u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_11(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(11u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_12(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(12u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_13(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(13u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_14(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(14u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_15(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(15u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_16(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(16u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_17(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(17u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_18(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(18u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_19(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(19u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_20(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(20u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_21(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(21u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_22(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(22u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_23(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(23u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_24(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(24u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_25(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(25u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_26(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(26u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_27(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(27u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_28(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(28u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_29(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(29u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_30(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(30u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_31(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(31u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_32(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(32u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_33(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(33u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_34(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(34u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_35(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(35u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_36(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(36u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_37(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(37u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_38(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(38u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_39(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(39u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_40(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(40u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_41(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(41u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_42(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(42u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_43(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(43u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_44(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(44u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_45(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(45u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_46(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(46u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_47(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(47u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_48(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(48u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_49(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(49u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_50(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(50u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_51(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(51u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_52(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(52u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_53(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(53u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_54(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(54u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_55(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(55u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_56(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(56u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_57(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(57u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_58(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(58u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_59(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(59u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_60(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(60u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_61(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(61u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_62(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(62u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_63(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(63u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_64(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(64u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_65(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(65u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_66(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(66u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_67(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(67u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_68(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(68u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_69(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(69u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_70(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(70u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_71(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(71u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_72(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(72u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_73(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(73u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_74(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(74u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_75(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(75u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_76(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(76u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_77(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(77u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_78(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(78u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_79(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(79u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_80(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(80u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_81(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(81u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_82(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(82u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_83(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(83u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_84(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(84u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_85(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(85u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_86(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(86u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_87(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(87u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_88(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(88u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_89(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(89u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_90(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(90u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_91(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(91u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_92(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(92u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_93(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(93u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_94(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(94u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_95(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(95u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_96(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(96u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_97(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(97u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_98(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(98u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_99(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(99u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_100(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(100u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_101(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(101u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_102(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(102u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_103(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(103u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_104(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(104u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_105(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(105u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_106(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(106u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_107(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(107u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_108(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(108u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_109(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(109u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_110(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(110u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_111(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(111u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_112(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(112u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_113(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(113u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_114(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(114u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_115(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(115u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_116(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(116u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_117(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(117u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_118(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(118u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_119(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(119u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_120(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(120u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_121(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(121u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_122(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(122u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_123(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(123u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_124(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(124u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_125(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(125u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_126(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(126u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_127(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(127u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_128(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(128u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_129(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(129u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_130(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(130u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_131(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(131u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_132(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(132u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_133(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(133u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_134(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(134u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_135(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(135u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_136(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(136u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_137(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(137u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_138(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(138u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_139(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(139u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_140(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(140u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_141(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(141u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_142(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(142u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_143(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(143u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_144(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(144u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_145(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(145u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_146(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(146u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_147(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(147u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_148(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(148u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_149(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(149u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_150(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(150u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_151(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(151u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_152(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(152u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_153(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(153u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_154(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(154u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_155(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(155u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_156(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(156u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_157(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(157u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_158(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(158u32);
    (r.check)(cx, s)
}
#[inline(never)]
fn m_159(r: &yusuan_check::Rule, cx: &Ctx, s: &mut Sink) {
    std::hint::black_box(159u32);
    (r.check)(cx, s)
}
static FNS: [F; 160] = [
    m_0, m_1, m_2, m_3, m_4, m_5, m_6, m_7, m_8, m_9, m_10, m_11, m_12, m_13, m_14, m_15, m_16, m_17, m_18, m_19, m_20,
    m_21, m_22, m_23, m_24, m_25, m_26, m_27, m_28, m_29, m_30, m_31, m_32, m_33, m_34, m_35, m_36, m_37, m_38, m_39,
    m_40, m_41, m_42, m_43, m_44, m_45, m_46, m_47, m_48, m_49, m_50, m_51, m_52, m_53, m_54, m_55, m_56, m_57, m_58,
    m_59, m_60, m_61, m_62, m_63, m_64, m_65, m_66, m_67, m_68, m_69, m_70, m_71, m_72, m_73, m_74, m_75, m_76, m_77,
    m_78, m_79, m_80, m_81, m_82, m_83, m_84, m_85, m_86, m_87, m_88, m_89, m_90, m_91, m_92, m_93, m_94, m_95, m_96,
    m_97, m_98, m_99, m_100, m_101, m_102, m_103, m_104, m_105, m_106, m_107, m_108, m_109, m_110, m_111, m_112, m_113,
    m_114, m_115, m_116, m_117, m_118, m_119, m_120, m_121, m_122, m_123, m_124, m_125, m_126, m_127, m_128, m_129,
    m_130, m_131, m_132, m_133, m_134, m_135, m_136, m_137, m_138, m_139, m_140, m_141, m_142, m_143, m_144, m_145,
    m_146, m_147, m_148, m_149, m_150, m_151, m_152, m_153, m_154, m_155, m_156, m_157, m_158, m_159,
];
fn main() {
    let seed = include_str!("../../../fixtures/hanshan-kegongxin-2025-budget.txt");
    let layout = yusuan_model::Layout::by_id("hebei-dept-budget").unwrap();
    let catalog = yusuan_model::Catalog::bundled();
    let n: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(10);
    let rules = all_rules();
    for (i, r) in rules.iter().enumerate() {
        println!("m {i} {}", r.code);
    }
    for _ in 0..n {
        let doc = yusuan_read::read_text("seed", seed, layout);
        let cx = Ctx::new(&doc, catalog, layout);
        for (i, r) in rules.iter().enumerate() {
            let mut sink = Sink::new(r);
            FNS[i](r, &cx, &mut sink);
            std::hint::black_box(sink.finish());
        }
    }
}
