package org.btcmp.node.iface;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.btcmp.interfaces.BlockRef;
import org.btcmp.interfaces.BlockTemplate;
import org.btcmp.interfaces.Mining;
import org.btcmp.node.BitcoinNode;
import org.btcmp.node.chain.BlockIndex;
import org.btcmp.node.chain.ChainListener;
import org.btcmp.node.chain.ValidationException;
import org.btcmp.primitives.Block;
import org.btcmp.primitives.BlockHeader;
import org.btcmp.primitives.DecodeException;
import org.btcmp.primitives.MerkleTree;
import org.btcmp.common.args.ChainType;
import org.btcmp.primitives.Script;
import org.btcmp.primitives.Transaction;

/** {@link Mining} over an in-process node. */
public final class NodeMining implements Mining {
    private final BitcoinNode node;
    private final Object tipChanged = new Object();

    public NodeMining(BitcoinNode node) {
        this.node = node;
        node.chain().addListener(new ChainListener() {
            @Override
            public void blockConnected(Block block, BlockIndex index) {
                notifyTip();
            }

            @Override
            public void blockDisconnected(Block block, BlockIndex index) {
                notifyTip();
            }
        });
    }

    private void notifyTip() {
        synchronized (tipChanged) {
            tipChanged.notifyAll();
        }
    }

    @Override
    public boolean isTestChain() {
        return node.chain().params().network() != ChainType.MAIN;
    }

    @Override
    public boolean isInitialBlockDownload() {
        return node.chain().isInitialBlockDownload();
    }

    @Override
    public Optional<BlockRef> getTip() {
        return Optional.of(Blocks.ref(node.chain().tip()));
    }

    @Override
    public BlockRef waitTipChanged(String currentTip, double timeoutMillis) throws InterruptedException {
        // Core's default timeout is the largest double: a deadline that never comes.
        long deadline = timeoutMillis >= Long.MAX_VALUE / 2 ? Long.MAX_VALUE
                : System.currentTimeMillis() + (long) Math.max(0, timeoutMillis);
        synchronized (tipChanged) {
            while (node.chain().tip().hash().toString().equals(currentTip)) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    break;
                }
                tipChanged.wait(left);
            }
        }
        return Blocks.ref(node.chain().tip());
    }

    @Override
    public BlockTemplate createNewBlock(byte[] coinbaseScript) {
        Block template = node.miner().template(Script.of(coinbaseScript), null);
        return new Template(template);
    }

    private final class Template implements BlockTemplate {
        private final Block block;

        Template(Block block) {
            this.block = block;
        }

        @Override
        public byte[] getBlockHeader() {
            return block.header().toBytes();
        }

        @Override
        public byte[] getBlock() {
            return block.toBytes();
        }

        @Override
        public byte[] getCoinbaseTx() {
            return block.transactions().get(0).toBytes();
        }

        @Override
        public boolean submitSolution(int version, long timestamp, long nonce, byte[] coinbaseTx) {
            Transaction coinbase;
            try {
                coinbase = Transaction.fromBytes(coinbaseTx);
            } catch (DecodeException e) {
                return false;
            }
            List<Transaction> txs = new ArrayList<>(block.transactions());
            txs.set(0, coinbase);
            BlockHeader h = block.header();
            BlockHeader solved = new BlockHeader(version, h.prevBlock(), MerkleTree.ofTxids(txs).hash(), timestamp,
                    h.bits(), nonce);
            Block b = new Block(solved, txs);
            try {
                node.chain().processBlock(b);
            } catch (ValidationException e) {
                return false;
            } catch (IOException e) {
                throw new IllegalStateException("cannot store block: " + e.getMessage(), e);
            }
            return !node.chain().isInvalid(b.hash()) && node.chain().lookup(b.hash()) != null;
        }
    }
}
