package org.btcmp.primitives.script;

import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.btcmp.primitives.ScriptBuilder;

/** Stack-manipulation and arithmetic opcodes (Core's EvalScript cases for them), over 4-byte script numbers. */
final class StackOps {
    /** Reads a script number, as the verifier does it (size limit, minimal encoding). */
    interface NumReader {
        long read(byte[] v, int maxLen) throws ScriptException;
    }

    private StackOps() {
    }

    private static byte[] bool(boolean b) {
        return b ? new byte[] {1} : new byte[0];
    }

    /** Applies {@code op}; false when it is not a stack or arithmetic opcode (the caller fails it). */
    static boolean apply(int op, Deque<byte[]> stack, Deque<byte[]> alt, NumReader nums, boolean minimal)
            throws ScriptException {
        List<byte[]> s = new ArrayList<>(stack); // index 0 = top
        switch (op) {
            case 0x6d -> { // OP_2DROP
                need(s, 2);
                stack.pop();
                stack.pop();
            }
            case 0x6e -> { // OP_2DUP
                need(s, 2);
                stack.push(s.get(1));
                stack.push(s.get(0));
            }
            case 0x6f -> { // OP_3DUP
                need(s, 3);
                stack.push(s.get(2));
                stack.push(s.get(1));
                stack.push(s.get(0));
            }
            case 0x70 -> { // OP_2OVER
                need(s, 4);
                stack.push(s.get(3));
                stack.push(s.get(2));
            }
            case 0x71 -> { // OP_2ROT
                need(s, 6);
                rebuild(stack, s, List.of(4, 5, 0, 1, 2, 3), 6);
            }
            case 0x72 -> { // OP_2SWAP
                need(s, 4);
                rebuild(stack, s, List.of(2, 3, 0, 1), 4);
            }
            case 0x73 -> { // OP_IFDUP
                need(s, 1);
                if (ScriptVerifier.castToBool(s.get(0))) {
                    stack.push(s.get(0));
                }
            }
            case 0x74 -> stack.push(ScriptBuilder.encodeNum(s.size())); // OP_DEPTH
            case 0x77 -> { // OP_NIP
                need(s, 2);
                byte[] top = stack.pop();
                stack.pop();
                stack.push(top);
            }
            case 0x78 -> { // OP_OVER
                need(s, 2);
                stack.push(s.get(1));
            }
            case 0x79, 0x7a -> { // OP_PICK, OP_ROLL
                need(s, 2);
                long n = nums.read(s.get(0), 4);
                stack.pop();
                s.remove(0);
                if (n < 0 || n >= s.size()) {
                    throw new ScriptException("invalid_stack_operation", "");
                }
                byte[] v = s.get((int) n);
                if (op == 0x7a) {
                    s.remove((int) n);
                    stack.clear();
                    for (int i = s.size() - 1; i >= 0; i--) {
                        stack.push(s.get(i));
                    }
                }
                stack.push(v);
            }
            case 0x7b -> { // OP_ROT
                need(s, 3);
                rebuild(stack, s, List.of(2, 0, 1), 3);
            }
            case 0x7d -> { // OP_TUCK
                need(s, 2);
                byte[] a = stack.pop();
                byte[] b = stack.pop();
                stack.push(a);
                stack.push(b);
                stack.push(a);
            }
            case 0x8b, 0x8c, 0x8f, 0x90, 0x91, 0x92 -> { // unary arithmetic
                need(s, 1);
                long a = nums.read(s.get(0), 4);
                stack.pop();
                long r = switch (op) {
                    case 0x8b -> a + 1;
                    case 0x8c -> a - 1;
                    case 0x8f -> -a;
                    case 0x90 -> Math.abs(a);
                    case 0x91 -> a == 0 ? 1 : 0;
                    default -> a != 0 ? 1 : 0;
                };
                stack.push(ScriptBuilder.encodeNum(r));
            }
            case 0x93, 0x94, 0x9a, 0x9b, 0x9c, 0x9d, 0x9e, 0x9f, 0xa0, 0xa1, 0xa2, 0xa3, 0xa4 -> {
                need(s, 2);
                long a = nums.read(s.get(1), 4);
                long b = nums.read(s.get(0), 4);
                stack.pop();
                stack.pop();
                long r = switch (op) {
                    case 0x93 -> a + b;
                    case 0x94 -> a - b;
                    case 0x9a -> a != 0 && b != 0 ? 1 : 0;
                    case 0x9b -> a != 0 || b != 0 ? 1 : 0;
                    case 0x9c, 0x9d -> a == b ? 1 : 0;
                    case 0x9e -> a != b ? 1 : 0;
                    case 0x9f -> a < b ? 1 : 0;
                    case 0xa0 -> a > b ? 1 : 0;
                    case 0xa1 -> a <= b ? 1 : 0;
                    case 0xa2 -> a >= b ? 1 : 0;
                    case 0xa3 -> Math.min(a, b);
                    default -> Math.max(a, b);
                };
                if (op == 0x9d) {
                    if (r == 0) {
                        throw new ScriptException("numequalverify", "");
                    }
                } else {
                    stack.push(ScriptBuilder.encodeNum(r));
                }
            }
            case 0xa5 -> { // OP_WITHIN
                need(s, 3);
                long x = nums.read(s.get(2), 4);
                long lo = nums.read(s.get(1), 4);
                long hi = nums.read(s.get(0), 4);
                stack.pop();
                stack.pop();
                stack.pop();
                stack.push(bool(lo <= x && x < hi));
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private static void need(List<byte[]> s, int n) throws ScriptException {
        if (s.size() < n) {
            throw new ScriptException("invalid_stack_operation", "");
        }
    }

    /** Replaces the top {@code depth} items: new top-first order given as indexes into the old top-first list. */
    private static void rebuild(Deque<byte[]> stack, List<byte[]> s, List<Integer> newTopFirst, int depth) {
        for (int i = 0; i < depth; i++) {
            stack.pop();
        }
        for (int i = newTopFirst.size() - 1; i >= 0; i--) {
            stack.push(s.get(newTopFirst.get(i)));
        }
    }
}
