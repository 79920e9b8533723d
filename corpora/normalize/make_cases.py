#!/usr/bin/env python3
# How corpora/normalize/cases.tsv was written (run from the repository root, with
# build-norm/norm built: the seed-004 expectations are its reviewed output).
# Writes corpora/normalize/cases.tsv (run once; the file is the data).
import glob
seed = open(glob.glob('../shared/seeds/004_*.txt')[0], encoding='utf-8').read().split('\n')
def line(n): return seed[n-1]
cases = []
def c(id, opts, inp, exp, comment, origin='hand'):
    cases.append((id, opts, inp, exp, comment, origin))
# --- form
c('nfc_decomposed_latin', '-', 'Cafe\u0301 de\u0301ja\u0300 vu', 'Caf\u00e9 d\u00e9j\u00e0 vu', 'NFD Latin composes')
c('nfc_hangul_jamo', '-', '\u1112\u1161\u11ab\u1100\u1173\u11af', '\ud55c\uae00', 'conjoining jamo compose')
c('nfc_syllable_plus_trailing_jamo', '-', '\uac00\u11a8 x', '\uac01 x', 'LV syllable + T jamo')
c('nfc_reorder_marks', '-', 'a\u0301\u0316b', '\u00e1\u0316b', 'marks reordered by class then composed')
c('nfc_singletons', '-', '10 \u2126, 5 \u212b', '10 \u03a9, 5 \u00c5', 'ohm and angstrom signs')
c('nfc_clean_latin', '-', 'D\u00e9j\u00e0 vu \u00e0 No\u00ebl, na\u00efve', 'D\u00e9j\u00e0 vu \u00e0 No\u00ebl, na\u00efve', 'already NFC')
c('nfc_clean_chinese', '-', line(17), line(17), 'seed 004 line 17: NFC already', 'seed 004')
c('nfc_clean_japanese', '-', '\u30c7\u30fc\u30bf\u304c\u3042\u308b\u3002', '\u30c7\u30fc\u30bf\u304c\u3042\u308b\u3002', 'precomposed kana')
c('nfc_kana_combining_mark', '-', '\u30c6\u3099\u30fc\u30bf', '\u30c7\u30fc\u30bf', 'combining voiced mark composes')
c('nfc_keeps_fullwidth_and_ligature', '-', '\uff21\uff11 \ufb01 \uff0c', '\uff21\uff11 \ufb01 \uff0c', 'compatibility characters are NFC')
c('nfc_keeps_compat_ideograph', '-', '\uf9cf\u0301 \uf900 \U0002f800', '\uf9cf\u0301 \uf900 \U0002f800', 'CJK compatibility ideographs kept (see normalize.hpp)')
c('nfc_merged_runs_keep_compat_ideograph', '-', 'e\u0301\uf9cfe\u0301 a\u0300\u2126', '\u00e9\uf9cf\u00e9 \u00e0\u03a9', 'runs merged for one ICU call never take in a compatibility ideograph')
c('nfc_emoji_and_ext_b', '-', '\U0001f600 \U00020000\u4e2d', '\U0001f600 \U00020000\u4e2d', 'supplementary planes pass')
c('nfc_long_combining_run_left', '-', 'a' + '\u0301' * 300 + 'b', 'a' + '\u0301' * 300 + 'b', 'stretch over 512 bytes left alone (reported)')
c('nfkc_ligature', 'form=nfkc', 'of\ufb01ce \ufb02ow', 'office flow', 'ligatures')
c('nfkc_fullwidth', 'form=nfkc', '\uff21\uff22\uff23\uff11\uff12\uff13', 'ABC123', 'full-width ASCII')
c('nfkc_halfwidth_kana', 'form=nfkc', '\uff83\uff9e\uff70\uff80', '\u30c7\u30fc\u30bf', 'half-width kana + voiced mark')
c('nfkc_circled_and_space', 'form=nfkc', '\u2460\u3000\u00bd', '1 1\u20442', 'compatibility forms')
c('nfkc_keeps_compat_ideograph', 'form=nfkc', '\uf9cf', '\uf9cf', 'kept in NFKC too')
c('none_keeps_nfd', 'form=none width=fold', 'e\u0301', 'e\u0301', 'form=none: no NFC')
# --- width=fold
c('fold_fullwidth_ascii', 'width=fold', '\uff21\uff22\uff23\uff01\uff1f\uff08\uff58\uff09', 'ABC!?(x)', 'FF01..FF5E')
c('fold_halfwidth_voiced', 'width=fold', '\uff83\uff9e\uff70\uff80\uff8a\uff9f\uff8b\uff9f', '\u30c7\u30fc\u30bf\u30d1\u30d4', 'voiced and semi-voiced marks combine')
c('fold_halfwidth_mark_no_composite', 'width=fold', '\uff71\uff9e', '\u30a2\u309b', 'no precomposed form: spacing mark')
c('fold_fullwidth_kana_halfwidth_mark', 'width=fold', '\u30c6\uff9e', '\u30c7', 'full-width kana + half-width mark')
c('fold_halfwidth_punct', 'width=fold', '\uff62\uff71\uff63\uff64\uff61', '\u300c\u30a2\u300d\u3001\u3002', 'half-width CJK punctuation')
c('fold_keeps_ideographic_space', 'width=fold', '\u4e2d\u3000\u6587', '\u4e2d\u3000\u6587', 'U+3000 only with spaces=ascii')
c('fold_ideographic_space_with_spaces', 'width=fold spaces=ascii', '\u4e2d\u3000\u6587', '\u4e2d \u6587', 'U+3000 with spaces=ascii')
c('fold_then_nfc', 'width=fold', '\uff21\u0301', '\u00c1', 'folded letter composes with its mark (idempotence)')
c('fold_chinese_commas', 'width=fold', '\u4e2d\u570b\uff0c\u7f8e\u570b', '\u4e2d\u570b,\u7f8e\u570b', 'fold is what it says')
# --- width=cjk
c('cjk_comma_between_han', 'width=cjk', '\u4e2d\u570b,\u7f8e\u570b', '\u4e2d\u570b\uff0c\u7f8e\u570b', 'issue 5 example')
c('cjk_marks', 'width=cjk', '\u4f60\u597d?\u771f\u7684!\u6bd4\u5982:\u4e2d\u6587;\u5b8c', '\u4f60\u597d\uff1f\u771f\u7684\uff01\u6bd4\u5982\uff1a\u4e2d\u6587\uff1b\u5b8c', '? ! : ;')
c('cjk_question_at_line_end', 'width=cjk', '\u4f60\u597d\u55ce?\n\u597d', '\u4f60\u597d\u55ce\uff1f\n\u597d', 'E on the right')
c('cjk_spaces_absorbed', 'width=cjk', '\u4e2d\u570b , \u7f8e\u570b', '\u4e2d\u570b\uff0c\u7f8e\u570b', 'spaces around a converted mark go')
c('cjk_ideographic_space', 'width=cjk spaces=ascii', '\u4e2d,\u3000\u7f8e', '\u4e2d\uff0c\u7f8e', 'U+3000 counts as a space (idempotent with spaces=ascii)')
c('cjk_paren_han_inside', 'width=cjk', 'DeepSeek(\u6df1\u5ea6\u6c42\u7d22)\u662f', 'DeepSeek\uff08\u6df1\u5ea6\u6c42\u7d22\uff09\u662f', 'Han inside')
c('cjk_paren_han_outside', 'width=cjk', '\u82f1\u5049\u9054(Nasdaq:NVDA)\u80a1\u50f9', '\u82f1\u5049\u9054\uff08Nasdaq:NVDA\uff09\u80a1\u50f9', 'Han directly outside, short inside; the colon between letters stays')
c('cjk_paren_then_comma', 'width=cjk', '\u4e2d(\u6587),\u4e2d', '\u4e2d\uff08\u6587\uff09\uff0c\u4e2d', 'a converted parenthesis is CJK punctuation (one pass)')
c('cjk_close_quote_comma', 'width=cjk', '\u201c\u795e\u79d8\u6771\u65b9\u529b\u91cf\u201d,\u7d66', '\u201c\u795e\u79d8\u6771\u65b9\u529b\u91cf\u201d\uff0c\u7d66', 'closing quote then Han')
c('cjk_digit_comma_han_prose', 'width=cjk', '\u6210\u672c\u4e0d\u5230GPT-4o\u76841/20,\u4e14\u53ea\u7528\u4e86\u3002', '\u6210\u672c\u4e0d\u5230GPT-4o\u76841/20\uff0c\u4e14\u53ea\u7528\u4e86\u3002', 'rule c on a line with CJK punctuation')
c('cjk_digit_comma_han_no_prose', 'width=cjk', '\u540d\u5b57,25', '\u540d\u5b57,25', 'rule c needs a Chinese line')
for n in (5, 17, 23, 25, 31, 49):
    src = line(n)
    import subprocess
    exp = subprocess.run(['build-norm/norm', 'fix', '--width=cjk', '--no-repair', '--keep-pinyin', '--keep-markers'], input=src.encode(), capture_output=True, check=True).stdout.decode()
    c('cjk_seed004_line%d' % n, 'width=cjk', src, exp, 'seed 004 line %d (output reviewed by hand)' % n, 'seed 004')
# --- negatives
c('cjk_neg_english', 'width=cjk', 'Hello, world! How are you? Fine: thanks; bye (now).', None, 'Latin text')
c('cjk_neg_numbers', 'width=cjk', '1,000 and 2,500.50; 10:30', None, 'numbers')
c('cjk_neg_code', 'width=cjk', 'f(x, y) = {"k":"v"}; print("\u4e2d\u6587") // a?b:c', None, 'code')
c('cjk_neg_url', 'width=cjk', '\u7db2\u5740 https://example.com/\u641c\u7d22?q=\u4e2d\u6587,\u597d&a=(\u4e2d) \u5b8c', None, 'URL with Han (IRI)')
c('cjk_neg_mixed_spaces', 'width=cjk', 'Hello, \u4e16\u754c! and \u4e2d\u6587 text, more', None, 'mixed Latin/Han separated by spaces')
c('cjk_neg_japanese_kana', 'width=cjk', '\u4eca\u65e5\u306f,\u6674\u308c', None, 'kana is not Han')
c('cjk_neg_paren_latin_inside', 'width=cjk', '\u6c42\u7d22 (DeepSeek) is', None, 'Latin inside, spaces outside')
c('cjk_neg_already', 'width=cjk', '\u4e2d\u570b\uff0c\u7f8e\u570b\u3002', None, 'already full width')
# --- spaces, newlines
c('spaces_ascii', 'spaces=ascii', 'a\u00a0b\u3000c\u2009d\u202fe f', 'a b c d e f', 'Zs to space')
c('spaces_keep_tab', 'spaces=ascii', 'a\tb', 'a\tb', 'tab is not Zs')
c('newlines_lf', 'newlines=lf', 'a\r\nb\rc\nd\r\n', 'a\nb\nc\nd\n', 'CRLF and CR to LF')
c('newlines_crlf', 'newlines=crlf', 'a\r\nb\rc\nd\r\r\n', 'a\r\nb\r\nc\r\nd\r\n\r\n', 'to CRLF')
c('newlines_keep_nel', 'newlines=lf', 'a\u0085b\u2028c', 'a\u0085b\u2028c', 'NEL, LS kept')
# --- combinations
c('nfkc_cjk_stable', 'form=nfkc width=cjk', '\u4e2d\u570b\uff0c\u7f8e\u570b', '\u4e2d\u570b\uff0c\u7f8e\u570b', 'NFKC folds, cjk restores: no edit')
c('nfkc_cjk_convert', 'form=nfkc width=cjk', '\u4e2d\u570b,\u7f8e\u570b\ufb01', '\u4e2d\u570b\uff0c\u7f8e\u570bfi', 'both')
c('all_options', 'form=nfkc width=fold spaces=ascii newlines=crlf', '\uff21\u00a0\uff83\uff9e\n', 'A \u30c7\r\n', 'all steps')

def esc(s):
    out = []
    for ch in s:
        o = ord(ch)
        if ch == '\\': out.append('\\\\')
        elif ch == '\t': out.append('\\t')
        elif ch == '\n': out.append('\\n')
        elif ch == '\r': out.append('\\r')
        elif o < 0x20 or 0x7f <= o < 0xa0 or o in (0xa0, 0x3000, 0x2009, 0x202f, 0x2028, 0x85) or 0x300 <= o < 0x370 or 0x1100 <= o < 0x1200 or o in (0x3099, 0x309a):
            out.append('\\u{%X}' % o)
        else: out.append(ch)
    return ''.join(out)

with open('corpora/normalize/cases.tsv', 'w', encoding='utf-8') as f:
    f.write('# Normalize-stage cases (tests/unit/normalize_test.cpp runs them).\n')
    f.write('# Columns (tab-separated): id, options (changes from fix_options\' defaults:\n')
    f.write('# form=nfc|nfkc|none width=keep|fold|cjk spaces=keep|ascii newlines=keep|lf|crlf; - for none),\n')
    f.write('# input, expected (= means the same as the input, ! means "see the seed\n')
    f.write('# expectation" in seed_expected), comment, origin. Escapes: \\\\ \\t \\n \\r \\u{HEX}.\n')
    for id, opts, inp, exp, comment, origin in cases:
        e = '=' if exp is None or exp == inp else esc(exp)
        f.write('\t'.join([id, opts, esc(inp), e, comment, origin]) + '\n')
