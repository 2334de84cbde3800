"""Drives the wallet RPCs with python-bitcoinlib (Debian's python3-bitcoinlib), as a user's script would.

Usage: python3 bitcoinlib_wallet_session.py <rpc port> <path to .cookie>
The library's cookie mode builds a URL without a path, so each proxy gets an explicit service_url:
the node's at "/", each wallet's at "/wallet/<name>".
"""
import sys
from decimal import Decimal

import bitcoin
import bitcoin.rpc

bitcoin.SelectParams('regtest')
port = int(sys.argv[1])
with open(sys.argv[2]) as f:
    auth = f.read().strip()


def proxy(path=''):
    return bitcoin.rpc.RawProxy(service_url='http://%s@127.0.0.1:%d%s' % (auth, port, path))


node = proxy()
alice = proxy('/wallet/alice')
bob = proxy('/wallet/bob')

mined_to = alice.getnewaddress()
assert node.generatetoaddress(101, mined_to), 'mined'
assert alice.getbalance() == Decimal('50'), alice.getbalance()

to_bob = bob.getnewaddress('from python')
assert to_bob.startswith('bcrt1q'), to_bob
txid = alice.sendtoaddress(to_bob, 1.25)
assert len(txid) == 64, txid

incoming = bob.gettransaction(txid)
assert incoming['amount'] == Decimal('1.25'), incoming
assert incoming['confirmations'] == 0, incoming
assert incoming['details'][0]['category'] == 'receive', incoming
assert incoming['details'][0]['address'] == to_bob, incoming
assert incoming['details'][0]['label'] == 'from python', incoming

outgoing = alice.gettransaction(txid)
assert outgoing['amount'] == Decimal('-1.25'), outgoing
assert outgoing['fee'] < 0, outgoing
assert outgoing['details'][0]['category'] == 'send', outgoing

block = node.generatetoaddress(1, mined_to)[0]
confirmed = bob.gettransaction(txid)
assert confirmed['confirmations'] == 1, confirmed
assert confirmed['blockhash'] == block, (confirmed, block)
assert bob.getbalance() == Decimal('1.25'), bob.getbalance()

try:
    bob.sendtoaddress(mined_to, 100)
    raise AssertionError('bob spent money he does not have')
except bitcoin.rpc.JSONRPCError as e:
    assert e.error['code'] == -6, e.error

try:
    proxy('/wallet/nobody').getbalance()
    raise AssertionError('an unknown wallet answered')
except bitcoin.rpc.JSONRPCError as e:
    assert e.error['code'] == -18, e.error

try:
    node.getbalance()
    raise AssertionError('a wallet call without a wallet path was served with two wallets loaded')
except bitcoin.rpc.JSONRPCError as e:
    assert e.error['code'] == -19, e.error

print('bitcoinlib wallet session: ok')
