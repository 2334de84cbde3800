package org.btcmp.primitives.script;

import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import org.btcmp.primitives.DecodeException;
import org.btcmp.primitives.Hashes;
import org.btcmp.primitives.Script;
import org.btcmp.primitives.ScriptBuilder;
import org.btcmp.primitives.Transaction;
import org.btcmp.primitives.crypto.EcdsaSignature;
import org.btcmp.primitives.crypto.PublicKey;

/**
 * Verifies that an input's scriptSig and witness satisfy the output it spends (Core's VerifyScript),
 * for P2SH, witness v0 and taproot (key path and tapscript, BIP341/342). Taproot needs every spent
 * output ({@code spentOutputs}); without them a taproot spend fails with "unsupported_opcode".
 */
public final class ScriptVerifier {
    private static final int MAX_SCRIPT_SIZE = 10_000;
    private static final int MAX_ELEMENT = 520;
    private static final int MAX_OPS = 201;
    private static final int MAX_STACK = 1000;

    private final Transaction tx;
    private final int inputIndex;
    private final long amount;
    private final int flags;
    private final List<org.btcmp.primitives.TxOut> spentOutputs;
    private int opCount;
    /** Set while a tapscript runs: its leaf hash, annex, remaining signature budget and last OP_CODESEPARATOR. */
    private byte[] tapLeafHash;
    private byte[] annex;
    private long sigBudget;
    private long codeSepPos;

    public ScriptVerifier(Transaction tx, int inputIndex, long amount, int flags) {
        this(tx, inputIndex, amount, flags, null);
    }

    /** With every output the transaction spends, in input order, as taproot signature hashes need. */
    public ScriptVerifier(Transaction tx, int inputIndex, long amount, int flags,
            List<org.btcmp.primitives.TxOut> spentOutputs) {
        this.tx = tx;
        this.inputIndex = inputIndex;
        this.amount = amount;
        this.flags = flags;
        this.spentOutputs = spentOutputs;
    }

    private boolean has(int flag) {
        return (flags & flag) != 0;
    }

    public void verify(Script scriptPubKey) throws ScriptException {
        var in = tx.inputs().get(inputIndex);
        Script scriptSig = in.scriptSig();
        List<byte[]> witness = in.witness();
        if (has(ScriptFlags.SIGPUSHONLY) && !isPushOnly(scriptSig)) {
            throw new ScriptException("sig_pushonly", "");
        }
        Deque<byte[]> stack = new ArrayDeque<>();
        execute(scriptSig, stack, false);
        Deque<byte[]> afterSig = copy(stack);
        execute(scriptPubKey, stack, false);
        requireTrue(stack);
        boolean hadWitness = false;
        if (has(ScriptFlags.WITNESS) && scriptPubKey.isWitnessProgram()) {
            hadWitness = true;
            if (!scriptSig.isEmpty()) {
                throw new ScriptException("witness_malleated", "");
            }
            verifyWitnessProgram(scriptPubKey, witness, false);
            stack = new ArrayDeque<>(List.of(new byte[] {1}));
        }
        if (has(ScriptFlags.P2SH) && scriptPubKey.isP2SH()) {
            if (!isPushOnly(scriptSig)) {
                throw new ScriptException("sig_pushonly", "P2SH scriptSig must only push");
            }
            stack = afterSig;
            Script redeem = Script.of(stack.pop());
            execute(redeem, stack, false);
            requireTrue(stack);
            if (has(ScriptFlags.WITNESS) && redeem.isWitnessProgram()) {
                hadWitness = true;
                if (!scriptSig.equals(new ScriptBuilder().data(redeem.bytes()).build())) {
                    throw new ScriptException("witness_malleated_p2sh", "");
                }
                verifyWitnessProgram(redeem, witness, true);
                stack = new ArrayDeque<>(List.of(new byte[] {1}));
            }
        }
        if (has(ScriptFlags.CLEANSTACK) && stack.size() != 1) {
            throw new ScriptException("cleanstack", "");
        }
        if (has(ScriptFlags.WITNESS) && !hadWitness && !witness.isEmpty()) {
            throw new ScriptException("witness_unexpected", "");
        }
    }

    private void verifyWitnessProgram(Script program, List<byte[]> witness, boolean p2sh) throws ScriptException {
        int version = program.witnessVersion();
        byte[] prog = program.witnessProgram();
        if (version != 0) {
            if (version == 1 && prog.length == 32 && has(ScriptFlags.TAPROOT) && !p2sh) {
                verifyTaproot(prog, witness);
                return;
            }
            if (has(ScriptFlags.DISCOURAGE_UPGRADABLE_WITNESS_PROGRAM)) {
                throw new ScriptException("discourage_upgradable_witness_program", "");
            }
            return; // unknown versions stay anyone-can-spend for consensus (policy refuses them)
        }
        Script script;
        Deque<byte[]> stack = new ArrayDeque<>();
        if (prog.length == 20) {
            if (witness.size() != 2) {
                throw new ScriptException("witness_program_mismatch", "P2WPKH needs two witness items");
            }
            script = ScriptBuilder.p2pkh(prog);
            for (byte[] item : witness) {
                stack.push(item);
            }
        } else if (prog.length == 32) {
            if (witness.isEmpty()) {
                throw new ScriptException("witness_program_witness_empty", "");
            }
            byte[] ws = witness.get(witness.size() - 1);
            if (!Arrays.equals(Hashes.sha256(ws), prog)) {
                throw new ScriptException("witness_program_mismatch", "");
            }
            script = Script.of(ws);
            for (int i = 0; i < witness.size() - 1; i++) {
                stack.push(witness.get(i));
            }
        } else {
            throw new ScriptException("witness_program_wrong_length", "");
        }
        for (byte[] item : stack) {
            if (item.length > MAX_ELEMENT) {
                throw new ScriptException("push_size", "");
            }
        }
        execute(script, stack, true);
        if (stack.size() != 1) {
            throw new ScriptException("cleanstack", "witness script must leave one element");
        }
        requireTrue(stack);
    }

    private void verifyTaproot(byte[] outputKey, List<byte[]> witness) throws ScriptException {
        if (spentOutputs == null) {
            throw new ScriptException("unsupported_opcode", "taproot verification needs the spent outputs");
        }
        if (witness.isEmpty()) {
            throw new ScriptException("witness_program_witness_empty", "");
        }
        List<byte[]> items = new ArrayList<>(witness);
        annex = null;
        if (items.size() >= 2 && items.get(items.size() - 1).length > 0 && items.get(items.size() - 1)[0] == 0x50) {
            annex = items.remove(items.size() - 1);
        }
        if (items.size() == 1) {
            if (!checkSchnorr(items.get(0), outputKey, null)) {
                throw new ScriptException("schnorr_sig", "");
            }
            return;
        }
        byte[] control = items.remove(items.size() - 1);
        byte[] script = items.remove(items.size() - 1);
        if (control.length < 33 || (control.length - 33) % 32 != 0 || (control.length - 33) / 32 > 128) {
            throw new ScriptException("taproot_wrong_control_size", "");
        }
        int leafVersion = control[0] & 0xfe;
        byte[] leaf = Hashes.taggedHash("TapLeaf", new byte[] {(byte) leafVersion},
                new org.btcmp.primitives.ByteWriter().writeVarBytes(script).toByteArray());
        byte[] node = leaf;
        for (int i = 33; i < control.length; i += 32) {
            byte[] e = Arrays.copyOfRange(control, i, i + 32);
            node = Arrays.compareUnsigned(node, e) < 0 ? Hashes.taggedHash("TapBranch", node, e)
                    : Hashes.taggedHash("TapBranch", e, node);
        }
        boolean[] odd = new boolean[1];
        byte[] q = org.btcmp.primitives.crypto.Schnorr.tweak(Arrays.copyOfRange(control, 1, 33), node, odd);
        if (q == null || !Arrays.equals(q, outputKey) || odd[0] != ((control[0] & 1) == 1)) {
            throw new ScriptException("witness_program_mismatch", "taproot commitment does not match");
        }
        if (leafVersion != 0xc0) {
            return; // unknown leaf versions are anyone-can-spend (reserved for upgrades)
        }
        Script tapscript = Script.of(script);
        if (Tapscript.hasSuccessOpcode(tapscript)) {
            return; // OP_SUCCESSx: the spend is valid whatever follows (BIP342)
        }
        Deque<byte[]> stack = new ArrayDeque<>();
        for (byte[] item : items) {
            if (item.length > MAX_ELEMENT) {
                throw new ScriptException("push_size", "");
            }
            stack.push(item);
        }
        if (stack.size() > MAX_STACK) {
            throw new ScriptException("stack_size", "");
        }
        tapLeafHash = leaf;
        codeSepPos = 0xffffffffL;
        sigBudget = 50 + new org.btcmp.primitives.ByteWriter().writeCompactSize(witness.size()).size();
        for (byte[] w : witness) {
            sigBudget += new org.btcmp.primitives.ByteWriter().writeVarBytes(w).size();
        }
        try {
            execute(tapscript, stack, true);
        } finally {
            tapLeafHash = null;
        }
        if (stack.size() != 1) {
            throw new ScriptException("cleanstack", "tapscript must leave one element");
        }
        requireTrue(stack);
    }

    /** A BIP340 signature check with BIP341 hash types; false only for an invalid signature value. */
    private boolean checkSchnorr(byte[] sig, byte[] key32, byte[] leafHash) throws ScriptException {
        int hashType = 0;
        if (sig.length == 65) {
            hashType = sig[64] & 0xff;
            if (hashType == 0) {
                throw new ScriptException("schnorr_sig_hashtype", "");
            }
        } else if (sig.length != 64) {
            throw new ScriptException("schnorr_sig_size", "");
        }
        if (!TaprootSighash.isValidHashType(hashType)) {
            throw new ScriptException("schnorr_sig_hashtype", "");
        }
        byte[] msg = TaprootSighash.hash(tx, inputIndex, spentOutputs, hashType, annex, leafHash, codeSepPos);
        if (msg == null) {
            throw new ScriptException("schnorr_sig_hashtype", "");
        }
        return org.btcmp.primitives.crypto.Schnorr.verify(key32, msg, Arrays.copyOf(sig, 64));
    }

    /** BIP342 OP_CHECKSIG on one signature and key: pushes the result, or fails the script. */
    private boolean tapCheckSig(byte[] sig, byte[] pub) throws ScriptException {
        if (pub.length == 0) {
            throw new ScriptException("tapscript_empty_pubkey", "");
        }
        if (sig.length == 0) {
            return false;
        }
        sigBudget -= 50;
        if (sigBudget < 0) {
            throw new ScriptException("tapscript_validation_weight", "");
        }
        if (pub.length == 32) {
            if (!checkSchnorr(sig, pub, tapLeafHash)) {
                throw new ScriptException("schnorr_sig", "");
            }
        }
        return true; // unknown public key types succeed (reserved for upgrades)
    }

    private static void requireTrue(Deque<byte[]> stack) throws ScriptException {
        if (stack.isEmpty() || !castToBool(stack.peek())) {
            throw new ScriptException("eval_false", "");
        }
    }

    private static Deque<byte[]> copy(Deque<byte[]> s) {
        return new ArrayDeque<>(s);
    }

    private static boolean isPushOnly(Script s) {
        try {
            return ScriptOp.parse(s).stream().allMatch(op -> op.opcode() <= Opcodes.OP_16);
        } catch (DecodeException e) {
            return false;
        }
    }

    static boolean castToBool(byte[] v) {
        for (int i = 0; i < v.length; i++) {
            if (v[i] != 0) {
                return !(i == v.length - 1 && (v[i] & 0xff) == 0x80);
            }
        }
        return false;
    }

    private void execute(Script script, Deque<byte[]> stack, boolean witnessV0) throws ScriptException {
        boolean tapscript = tapLeafHash != null;
        if (script.length() > MAX_SCRIPT_SIZE && !tapscript) {
            throw new ScriptException("script_size", "");
        }
        List<ScriptOp> ops;
        try {
            ops = ScriptOp.parse(script);
        } catch (DecodeException e) {
            throw new ScriptException("bad_opcode", e.getMessage());
        }
        Deque<byte[]> alt = new ArrayDeque<>();
        List<Boolean> exec = new ArrayList<>();
        opCount = 0;
        int codeStart = 0;
        for (int pc = 0; pc < ops.size(); pc++) {
            ScriptOp op = ops.get(pc);
            boolean executing = !exec.contains(Boolean.FALSE);
            int code = op.opcode();
            if (op.data() != null && op.data().length > MAX_ELEMENT) {
                throw new ScriptException("push_size", "");
            }
            if (code > Opcodes.OP_16 && ++opCount > MAX_OPS && !tapscript) {
                throw new ScriptException("op_count", "");
            }
            if (Opcodes.isDisabled(code)) {
                throw new ScriptException("disabled_opcode", "opcode 0x" + Integer.toHexString(code));
            }
            if (code == Opcodes.OP_CODESEPARATOR && !witnessV0 && has(ScriptFlags.CONST_SCRIPTCODE)) {
                throw new ScriptException("op_codeseparator", "");
            }
            if (code == 0x65 || code == 0x66) {
                throw new ScriptException("bad_opcode", "OP_VERIF/OP_VERNOTIF");
            }
            if (code == Opcodes.OP_CODESEPARATOR && executing) {
                codeStart = pc + 1;
                codeSepPos = pc;
            }
            if (!executing && (code < Opcodes.OP_IF || code > Opcodes.OP_ENDIF)) {
                continue;
            }
            if (op.data() != null) {
                if (has(ScriptFlags.MINIMALDATA) && !op.isMinimalPush()) {
                    throw new ScriptException("minimaldata", "");
                }
                stack.push(op.data());
            } else if (code == Opcodes.OP_1NEGATE || (code >= Opcodes.OP_1 && code <= Opcodes.OP_16)) {
                stack.push(ScriptBuilder.encodeNum(code == Opcodes.OP_1NEGATE ? -1 : code - 0x50));
            } else {
                codeStart = step(ops, pc, codeStart, code, stack, alt, exec, executing, witnessV0);
            }
            if (stack.size() + alt.size() > MAX_STACK) {
                throw new ScriptException("stack_size", "");
            }
        }
        if (!exec.isEmpty()) {
            throw new ScriptException("unbalanced_conditional", "");
        }
    }

    private int step(List<ScriptOp> ops, int pc, int codeStart, int code, Deque<byte[]> stack, Deque<byte[]> alt,
            List<Boolean> exec, boolean executing, boolean witnessV0) throws ScriptException {
        switch (code) {
            case Opcodes.OP_IF, Opcodes.OP_NOTIF -> {
                boolean value = false;
                if (executing) {
                    byte[] top = pop(stack, "invalid_stack_operation");
                    boolean minimal = top.length == 0 || (top.length == 1 && top[0] == 1);
                    if (tapLeafHash != null && !minimal) {
                        throw new ScriptException("tapscript_minimalif", "");
                    }
                    if (witnessV0 && has(ScriptFlags.MINIMALIF) && !minimal) {
                        throw new ScriptException("minimalif", "");
                    }
                    value = castToBool(top) == (code == Opcodes.OP_IF);
                }
                exec.add(value);
            }
            case Opcodes.OP_ELSE -> {
                if (exec.isEmpty()) {
                    throw new ScriptException("unbalanced_conditional", "");
                }
                exec.set(exec.size() - 1, !exec.get(exec.size() - 1));
            }
            case Opcodes.OP_ENDIF -> {
                if (exec.isEmpty()) {
                    throw new ScriptException("unbalanced_conditional", "");
                }
                exec.remove(exec.size() - 1);
            }
            case Opcodes.OP_NOP, Opcodes.OP_CODESEPARATOR -> {
            }
            case Opcodes.OP_NOP1, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8, Opcodes.OP_NOP10 -> {
                if (has(ScriptFlags.DISCOURAGE_UPGRADABLE_NOPS)) {
                    throw new ScriptException("discourage_upgradable_nops", "");
                }
            }
            case Opcodes.OP_CHECKLOCKTIMEVERIFY -> {
                if (has(ScriptFlags.CHECKLOCKTIMEVERIFY)) {
                    checkLockTime(peekNum(stack, 5));
                } else if (has(ScriptFlags.DISCOURAGE_UPGRADABLE_NOPS)) {
                    throw new ScriptException("discourage_upgradable_nops", "");
                }
            }
            case Opcodes.OP_CHECKSEQUENCEVERIFY -> {
                if (has(ScriptFlags.CHECKSEQUENCEVERIFY)) {
                    checkSequence(peekNum(stack, 5));
                } else if (has(ScriptFlags.DISCOURAGE_UPGRADABLE_NOPS)) {
                    throw new ScriptException("discourage_upgradable_nops", "");
                }
            }
            case Opcodes.OP_VERIFY -> {
                if (!castToBool(pop(stack, "invalid_stack_operation"))) {
                    throw new ScriptException("verify", "");
                }
            }
            case Opcodes.OP_RETURN -> throw new ScriptException("op_return", "");
            case Opcodes.OP_TOALTSTACK -> alt.push(pop(stack, "invalid_stack_operation"));
            case Opcodes.OP_FROMALTSTACK -> stack.push(pop(alt, "invalid_altstack_operation"));
            case Opcodes.OP_DROP -> pop(stack, "invalid_stack_operation");
            case Opcodes.OP_DUP -> {
                byte[] top = pop(stack, "invalid_stack_operation");
                stack.push(top);
                stack.push(top);
            }
            case Opcodes.OP_SWAP -> {
                byte[] a = pop(stack, "invalid_stack_operation");
                byte[] b = pop(stack, "invalid_stack_operation");
                stack.push(a);
                stack.push(b);
            }
            case Opcodes.OP_SIZE -> {
                byte[] top = pop(stack, "invalid_stack_operation");
                stack.push(top);
                stack.push(ScriptBuilder.encodeNum(top.length));
            }
            case Opcodes.OP_EQUAL, Opcodes.OP_EQUALVERIFY -> {
                boolean eq = Arrays.equals(pop(stack, "invalid_stack_operation"), pop(stack, "invalid_stack_operation"));
                if (code == Opcodes.OP_EQUALVERIFY) {
                    if (!eq) {
                        throw new ScriptException("equalverify", "");
                    }
                } else {
                    stack.push(eq ? new byte[] {1} : new byte[0]);
                }
            }
            case Opcodes.OP_RIPEMD160 -> stack.push(Hashes.ripemd160(pop(stack, "invalid_stack_operation")));
            case Opcodes.OP_SHA1 -> stack.push(Hashes.sha1(pop(stack, "invalid_stack_operation")));
            case Opcodes.OP_SHA256 -> stack.push(Hashes.sha256(pop(stack, "invalid_stack_operation")));
            case Opcodes.OP_HASH160 -> stack.push(Hashes.hash160(pop(stack, "invalid_stack_operation")));
            case Opcodes.OP_HASH256 -> stack.push(Hashes.sha256d(pop(stack, "invalid_stack_operation")));
            case Opcodes.OP_CHECKSIG, Opcodes.OP_CHECKSIGVERIFY -> {
                byte[] pub = pop(stack, "invalid_stack_operation");
                byte[] sig = pop(stack, "invalid_stack_operation");
                if (tapLeafHash != null) {
                    boolean ok = tapCheckSig(sig, pub);
                    if (code == Opcodes.OP_CHECKSIGVERIFY) {
                        if (!ok) {
                            throw new ScriptException("checksigverify", "");
                        }
                    } else {
                        stack.push(ok ? new byte[] {1} : new byte[0]);
                    }
                    return codeStart;
                }
                Script code0 = subscript(ops, codeStart);
                boolean ok = checkSig(sig, pub, code0, witnessV0, true);
                if (!ok && has(ScriptFlags.NULLFAIL) && sig.length > 0) {
                    throw new ScriptException("nullfail", "");
                }
                if (code == Opcodes.OP_CHECKSIGVERIFY) {
                    if (!ok) {
                        throw new ScriptException("checksigverify", "");
                    }
                } else {
                    stack.push(ok ? new byte[] {1} : new byte[0]);
                }
            }
            case Opcodes.OP_CHECKMULTISIG, Opcodes.OP_CHECKMULTISIGVERIFY -> {
                if (tapLeafHash != null) {
                    throw new ScriptException("tapscript_checkmultisig", "");
                }
                checkMultisig(ops, codeStart, code, stack, witnessV0);
            }
            case 0xba -> { // OP_CHECKSIGADD, tapscript only
                if (tapLeafHash == null) {
                    throw new ScriptException("bad_opcode", "OP_CHECKSIGADD outside tapscript");
                }
                byte[] pub = pop(stack, "invalid_stack_operation");
                byte[] n = pop(stack, "invalid_stack_operation");
                byte[] sig = pop(stack, "invalid_stack_operation");
                long count = num(n, 4);
                stack.push(ScriptBuilder.encodeNum(count + (tapCheckSig(sig, pub) ? 1 : 0)));
            }
            default -> {
                if (!StackOps.apply(code, stack, alt, this::num, has(ScriptFlags.MINIMALDATA))) {
                    throw new ScriptException("bad_opcode", "opcode 0x" + Integer.toHexString(code));
                }
            }
        }
        return codeStart;
    }

    private void checkMultisig(List<ScriptOp> ops, int codeStart, int code, Deque<byte[]> stack, boolean witnessV0)
            throws ScriptException {
        long nKeys = num(pop(stack, "invalid_stack_operation"), 4);
        if (nKeys < 0 || nKeys > 20) {
            throw new ScriptException("pubkey_count", "");
        }
        opCount += (int) nKeys;
        if (opCount > MAX_OPS) {
            throw new ScriptException("op_count", "");
        }
        List<byte[]> keys = new ArrayList<>();
        for (int i = 0; i < nKeys; i++) {
            keys.add(pop(stack, "invalid_stack_operation"));
        }
        long nSigs = num(pop(stack, "invalid_stack_operation"), 4);
        if (nSigs < 0 || nSigs > nKeys) {
            throw new ScriptException("sig_count", "");
        }
        List<byte[]> sigs = new ArrayList<>();
        for (int i = 0; i < nSigs; i++) {
            sigs.add(pop(stack, "invalid_stack_operation"));
        }
        byte[] dummy = pop(stack, "invalid_stack_operation");
        if (has(ScriptFlags.NULLDUMMY) && dummy.length != 0) {
            throw new ScriptException("sig_nulldummy", "");
        }
        Script code0 = subscript(ops, codeStart);
        if (!witnessV0) {
            for (byte[] sig : sigs) {
                code0 = withoutSignature(code0, sig);
            }
        }
        int k = 0;
        int s = 0;
        boolean ok = true;
        while (ok && s < sigs.size()) {
            if (checkSig(sigs.get(s), keys.get(k), code0, witnessV0, false)) {
                s++;
            }
            k++;
            if (sigs.size() - s > keys.size() - k) {
                ok = false;
            }
        }
        if (!ok && has(ScriptFlags.NULLFAIL) && sigs.stream().anyMatch(x -> x.length > 0)) {
            throw new ScriptException("nullfail", "");
        }
        if (code == Opcodes.OP_CHECKMULTISIGVERIFY) {
            if (!ok) {
                throw new ScriptException("checkmultisigverify", "");
            }
        } else {
            stack.push(ok ? new byte[] {1} : new byte[0]);
        }
    }

    private boolean checkSig(byte[] sigWithType, byte[] pub, Script scriptCode, boolean witnessV0,
            boolean deleteSignature) throws ScriptException {
        byte[] der = sigWithType.length == 0 ? new byte[0] : Arrays.copyOf(sigWithType, sigWithType.length - 1);
        int hashType = sigWithType.length == 0 ? 0 : sigWithType[sigWithType.length - 1] & 0xff;
        if (sigWithType.length > 0) {
            if (has(ScriptFlags.DERSIG | ScriptFlags.LOW_S | ScriptFlags.STRICTENC) && !EcdsaSignature.isStrictDer(der)) {
                throw new ScriptException("sig_der", "");
            }
            if (has(ScriptFlags.LOW_S) && !EcdsaSignature.fromDer(der).hasLowS()) {
                throw new ScriptException("sig_high_s", "");
            }
            int base = hashType & ~SignatureHash.ANYONECANPAY;
            if (has(ScriptFlags.STRICTENC) && (base < SignatureHash.ALL || base > SignatureHash.SINGLE)) {
                throw new ScriptException("sig_hashtype", "");
            }
        }
        if (has(ScriptFlags.STRICTENC)
                && !(pub.length == 33 && (pub[0] == 2 || pub[0] == 3)) && !(pub.length == 65 && pub[0] == 4)) {
            throw new ScriptException("pubkeytype", "");
        }
        if (witnessV0 && has(ScriptFlags.WITNESS_PUBKEYTYPE) && !(pub.length == 33 && (pub[0] == 2 || pub[0] == 3))) {
            throw new ScriptException("witness_pubkeytype", "");
        }
        if (sigWithType.length == 0) {
            return false;
        }
        EcdsaSignature sig = EcdsaSignature.isStrictDer(der) ? EcdsaSignature.fromDer(der) : LaxDer.parse(der);
        if (sig == null) {
            return false;
        }
        PublicKey key;
        try {
            key = PublicKey.parse(pub);
        } catch (DecodeException e) {
            return false;
        }
        byte[] hash = witnessV0
                ? SignatureHash.witnessV0(tx, inputIndex, scriptCode, amount, hashType)
                : SignatureHash.legacy(tx, inputIndex,
                        deleteSignature ? withoutSignature(scriptCode, sigWithType) : scriptCode, hashType);
        return key.verify(hash, sig);
    }

    /** Core's FindAndDelete of the signature push from the legacy script code. */
    private Script withoutSignature(Script code, byte[] sig) throws ScriptException {
        byte[] pushed = new ScriptBuilder().data(sig).build().bytes();
        List<ScriptOp> ops = ScriptOp.parse(code);
        if (ops.stream().noneMatch(op -> Arrays.equals(op.encoded(), pushed))) {
            return code;
        }
        if (has(ScriptFlags.CONST_SCRIPTCODE)) {
            throw new ScriptException("sig_findanddelete", "");
        }
        var w = new org.btcmp.primitives.ByteWriter();
        for (ScriptOp op : ops) {
            if (!Arrays.equals(op.encoded(), pushed)) {
                w.writeBytes(op.encoded());
            }
        }
        return Script.of(w.toByteArray());
    }

    private static Script subscript(List<ScriptOp> ops, int from) {
        var w = new org.btcmp.primitives.ByteWriter();
        for (int i = from; i < ops.size(); i++) {
            w.writeBytes(ops.get(i).encoded());
        }
        return Script.of(w.toByteArray());
    }

    private static byte[] pop(Deque<byte[]> stack, String error) throws ScriptException {
        if (stack.isEmpty()) {
            throw new ScriptException(error, "");
        }
        return stack.pop();
    }

    private long peekNum(Deque<byte[]> stack, int maxLen) throws ScriptException {
        if (stack.isEmpty()) {
            throw new ScriptException("invalid_stack_operation", "");
        }
        long n = num(stack.peek(), maxLen);
        if (n < 0) {
            throw new ScriptException("negative_locktime", "");
        }
        return n;
    }

    long num(byte[] v, int maxLen) throws ScriptException {
        if (v.length > maxLen) {
            throw new ScriptException("scriptnum", "script number overflow");
        }
        if (has(ScriptFlags.MINIMALDATA) && v.length > 0 && (v[v.length - 1] & 0x7f) == 0
                && (v.length == 1 || (v[v.length - 2] & 0x80) == 0)) {
            throw new ScriptException("scriptnum", "non-minimally encoded script number");
        }
        if (v.length == 0) {
            return 0;
        }
        byte[] be = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            be[i] = v[v.length - 1 - i];
        }
        boolean negative = (be[0] & 0x80) != 0;
        be[0] &= 0x7f;
        long abs = new BigInteger(1, be).longValue();
        return negative ? -abs : abs;
    }

    private void checkLockTime(long lockTime) throws ScriptException {
        long txLock = tx.lockTime();
        boolean sameKind = (txLock < 500_000_000L) == (lockTime < 500_000_000L);
        if (!sameKind || lockTime > txLock
                || tx.inputs().get(inputIndex).sequence() == 0xffffffffL) {
            throw new ScriptException("unsatisfied_locktime", "");
        }
    }

    private void checkSequence(long sequence) throws ScriptException {
        if ((sequence & (1L << 31)) != 0) {
            return;
        }
        long txSeq = tx.inputs().get(inputIndex).sequence();
        if (Integer.toUnsignedLong(tx.version()) < 2 || (txSeq & (1L << 31)) != 0) {
            throw new ScriptException("unsatisfied_locktime", "");
        }
        long mask = (1L << 22) | 0xffff;
        long a = txSeq & mask;
        long b = sequence & mask;
        boolean sameKind = (a < (1L << 22)) == (b < (1L << 22));
        if (!sameKind || b > a) {
            throw new ScriptException("unsatisfied_locktime", "");
        }
    }
}
