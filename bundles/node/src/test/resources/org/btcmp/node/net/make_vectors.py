#!/usr/bin/python3
"""Writes wire-vectors.txt: framed regtest messages serialized by python-bitcoinlib (an independent
implementation of the Bitcoin P2P codecs), one "name hex" line each. Run: /usr/bin/python3 make_vectors.py"""
import bitcoin
from bitcoin.core import lx
from bitcoin.net import CAddress, CInv
import bitcoin.messages as m

bitcoin.SelectParams('regtest')
GENESIS = lx('0f9188f13cb7b2c71f2a335e3a4fc328bf5beb436012afca590b1a11466e2206')
H1 = bytes(range(32))
H2 = bytes(range(32, 64))


def addr(ip, port, services, time):
    a = CAddress()
    a.ip = ip
    a.port = port
    a.nServices = services
    a.nTime = time
    return a


def inv(t, h):
    i = CInv()
    i.type = t
    i.hash = h
    return i


out = []
v = m.msg_version()
v.nVersion = 70016
v.nServices = 1033
v.nTime = 1700000000
v.addrTo = addr('127.0.0.1', 18444, 0, 0)
v.addrFrom = addr('10.1.2.3', 18445, 1033, 0)
v.nNonce = 0x1122334455667788
v.strSubVer = b'/vectors:0.1/'
v.nStartingHeight = 200
v.fRelay = True
out.append(('version', v))
out.append(('verack', m.msg_verack()))
out.append(('getaddr', m.msg_getaddr()))
out.append(('mempool', m.msg_mempool()))
p = m.msg_ping(); p.nonce = 0x0102030405060708; out.append(('ping', p))
p = m.msg_pong(); p.nonce = 0x0102030405060708; out.append(('pong', p))
for name, cls in (('inv', m.msg_inv), ('getdata', m.msg_getdata), ('notfound', m.msg_notfound)):
    msg = cls(); msg.inv = [inv(1, H1), inv(2, H2)]; out.append((name, msg))
a = m.msg_addr(); a.addrs = [addr('192.0.2.7', 8333, 1033, 1700000123)]; out.append(('addr', a))
for name, cls in (('getheaders', m.msg_getheaders), ('getblocks', m.msg_getblocks)):
    msg = cls(); msg.locator.vHave = [H1, GENESIS]; msg.hashstop = H2; out.append((name, msg))
# No headers vector: python-bitcoinlib 0.11 writes each header without the transaction count (always 0) that
# Core appends, so its headers message is not Core's. HeadersMessage is tested against Core's layout instead.

with open('wire-vectors.txt', 'w') as f:
    f.write('# framed regtest messages from python-bitcoinlib %s (make_vectors.py)\n'
            % bitcoin.__version__)
    for name, msg in out:
        f.write('%s %s\n' % (name, msg.to_bytes().hex()))
