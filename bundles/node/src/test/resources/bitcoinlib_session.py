"""A scripted session against the node by python-bitcoinlib (Debian's python3-bitcoinlib).

Usage: python3 bitcoinlib_session.py <path to bitcoin.conf>
The cookie is read from <dir of bitcoin.conf>/regtest/.cookie, as the library does for Core.
"""
import hashlib
import sys

import bitcoin
import bitcoin.rpc
from bitcoin.core import COIN, COutPoint, CMutableTransaction, CMutableTxIn, CMutableTxOut, b2x, lx
from bitcoin.core.script import CScript, SIGHASH_ALL, SignatureHash
from bitcoin.wallet import CBitcoinSecret, P2PKHBitcoinAddress

bitcoin.SelectParams('regtest')
proxy = bitcoin.rpc.RawProxy(btc_conf_file=sys.argv[1])

info = proxy.getblockchaininfo()
assert info['chain'] == 'regtest', info
start = info['blocks']

key = CBitcoinSecret.from_secret_bytes(hashlib.sha256(b'python-bitcoinlib session').digest())
addr = P2PKHBitcoinAddress.from_pubkey(key.pub)
other = P2PKHBitcoinAddress.from_pubkey(
    CBitcoinSecret.from_secret_bytes(hashlib.sha256(b'receiver').digest()).pub)

hashes = proxy.generatetoaddress(101, str(addr))
assert len(hashes) == 101, hashes
assert proxy.getblockcount() == start + 101

first = proxy.getblock(hashes[0], 2)
coinbase = first['tx'][0]
value = coinbase['vout'][0]['value']
assert coinbase['vout'][0]['scriptPubKey']['address'] == str(addr), coinbase

txin = CMutableTxIn(COutPoint(lx(coinbase['txid']), 0))
txout = CMutableTxOut(int(value * COIN) - 20000, other.to_scriptPubKey())
tx = CMutableTransaction([txin], [txout])
sighash = SignatureHash(addr.to_scriptPubKey(), tx, 0, SIGHASH_ALL)
sig = key.sign(sighash) + bytes([SIGHASH_ALL])
txin.scriptSig = CScript([sig, key.pub])

txid = proxy.sendrawtransaction(b2x(tx.serialize()))
assert txid == b2x(tx.GetTxid()[::-1]), (txid, tx.GetTxid())
assert txid in proxy.getrawmempool()

mined = proxy.generatetoaddress(1, str(addr))[0]
block = proxy.getblock(mined)
assert txid in block['tx'], block['tx']
assert proxy.getrawmempool() == []
assert proxy.getrawtransaction(txid, True, mined)['confirmations'] == 1

try:
    proxy.sendrawtransaction(b2x(tx.serialize()))
    raise AssertionError('a spent transaction was accepted twice')
except bitcoin.rpc.JSONRPCError as e:
    assert e.error['code'] in (-25, -27), e.error

print('bitcoinlib session: ok')
