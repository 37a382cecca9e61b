#!/usr/bin/python3
"""The throughput configurations of /work/shared/BENCHMARKS.md in PyTorch, with the JSON layout of our runner
(`dotnet run -c Release --project bench/MLNetCtr.Benchmarks -- throughput <config|all>`).

    /usr/bin/python3 bench/pytorch/throughput.py <config|all> [--threads N] [--out file.json] [--window seconds]

The script re-executes itself under the fair environment BENCHMARKS.md prescribes (OpenBLAS OpenMP build, jemalloc with
retained pages, OPENBLAS_CORETYPE unset, ATEN_CPU_CAPABILITY=avx512, OMP_WAIT_POLICY=PASSIVE unless set, torch.set_num_threads(threads), one inter-op
thread). Each configuration runs in its own child process (its own peak RSS). Each pass is warmed up, then timed over 7
windows; the median window's rate is reported. Configurations with embedding tables are trained twice, with sparse
gradients (SparseAdam on the tables, Adam on the rest) and dense ones (Adam on everything): `train` is the faster.
Models mirror ours layer for layer (see the C# configuration classes in bench/MLNetCtr.Benchmarks/Throughput).
"""
import argparse
import json
import math
import os
import platform
import resource
import statistics
import subprocess
import sys
import time

FAIR_ENV = {
    "LD_LIBRARY_PATH": "/usr/lib/x86_64-linux-gnu/openblas-openmp",
    "LD_PRELOAD": "libjemalloc.so.2",
    "MALLOC_CONF": "retain:true,dirty_decay_ms:-1,muzzy_decay_ms:-1",
    "ATEN_CPU_CAPABILITY": "avx512",
}


def fair_environment(threads):
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_CORETYPE"}
    env.update(FAIR_ENV)
    env["OMP_NUM_THREADS"] = str(threads)
    # OpenMP workers spin while waiting by default; on a machine shared with other jobs that collapses torch (measured
    # here at load 20: MLP step 1,608 samples/s spinning vs 13,155 passive). Set OMP_WAIT_POLICY=ACTIVE to compare on
    # a quiet machine with spinning workers.
    env.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    env["MLNETCTR_FAIR"] = "1"
    return env


if os.environ.get("MLNETCTR_FAIR") != "1":
    threads_arg = sys.argv[sys.argv.index("--threads") + 1] if "--threads" in sys.argv else str(os.cpu_count())
    os.execve("/usr/bin/python3", ["/usr/bin/python3", *sys.argv], fair_environment(int(threads_arg)))

import torch  # noqa: E402  (after the re-exec: the BLAS and allocator are chosen at load time)
import torch.nn as nn  # noqa: E402
import torch.nn.functional as F  # noqa: E402

WINDOWS = 7
CONFIGS = {}


def config(name):
    def register(build):
        CONFIGS[name] = build
        return build
    return register


def mlp(sizes, out=None):
    """Linear-ReLU per hidden size, then a linear output layer when `out` is given (our Mlp)."""
    layers = []
    for a, b in zip(sizes[:-1], sizes[1:]):
        layers += [nn.Linear(a, b), nn.ReLU()]
    if out is not None:
        layers.append(nn.Linear(sizes[-1], out))
    return nn.Sequential(*layers)


def optimizers(model, sparse):
    tables = [p for m in model.modules() if isinstance(m, nn.Embedding) and m.sparse for p in m.parameters()]
    ids = {id(p) for p in tables}
    rest = [p for p in model.parameters() if id(p) not in ids]
    result = [torch.optim.Adam(rest, lr=1e-3)]
    if tables:
        result.append(torch.optim.SparseAdam(tables, lr=1e-3))
    return result


def training_pass(model, sparse, loss_of, batches):
    opts = optimizers(model, sparse)
    state = [0]

    def step():
        batch = batches[state[0] % len(batches)]
        state[0] += 1
        model.train()
        for o in opts:
            o.zero_grad(set_to_none=False)
        loss = loss_of(batch)
        loss.backward()
        for o in opts:
            o.step()
        return float(loss)
    return step


def inference_pass(model, forward, batches):
    state = [0]

    def step():
        batch = batches[state[0] % len(batches)]
        state[0] += 1
        model.eval()
        with torch.no_grad():
            return float(forward(batch).reshape(-1)[0])
    return step


def embedding_config(build, loss_of, forward, batches, batch, flops):
    """Passes of a model with embedding tables: train with sparse and with dense gradients, and infer."""
    passes = []
    model = None
    for sparse in (True, False):
        torch.manual_seed(0)
        model = build(sparse)
        passes.append((f"train-{'sparse' if sparse else 'dense'}", batch, 3 * flops, training_pass(model, sparse, lambda b, m=model: loss_of(m, b), batches)))
    passes.append(("infer", batch, flops, inference_pass(model, lambda b: forward(model, b), batches)))
    return passes


@config("gemm")
def gemm_config():
    n = 2048
    a, b, c = torch.rand(n, n), torch.rand(n, n), torch.empty(n, n)
    return 1, [("2048^3", 1, 2.0 * n ** 3, lambda: float(torch.mm(a, b, out=c)[0, 0]))]


@config("mlp")
def mlp_config():
    model = mlp([512, 512, 256, 128], out=1)
    x, y = torch.rand(1024, 512) - 0.5, (torch.arange(1024) % 2).float().unsqueeze(1)
    forward = 2.0 * (512 * 512 + 512 * 256 + 256 * 128 + 128)
    step = training_pass(model, False, lambda b: F.binary_cross_entropy_with_logits(model(x), y), [None])
    return 1024, [("train", 1024, 3 * forward, step)]


# ---- esmm, mmoe: 20 fields, vocabulary 100k, dimension 16 -------------------------------------------------------------
FIELDS, VOCAB, DIM, BATCHES = 20, 100_000, 16, 16


class FieldTables(nn.Module):
    def __init__(self, fields, vocabulary, dim, sparse):
        super().__init__()
        self.tables = nn.ModuleList(nn.Embedding(vocabulary, dim, sparse=sparse) for _ in range(fields))

    def forward(self, ids):  # (B, F) -> (B, F*D)
        return torch.cat([t(ids[:, f]) for f, t in enumerate(self.tables)], dim=1)


class Esmm(nn.Module):
    def __init__(self, sparse):
        super().__init__()
        self.embedding = FieldTables(FIELDS, VOCAB, DIM, sparse)
        self.towers = nn.ModuleList(mlp([FIELDS * DIM, 256, 128, 64], out=1) for _ in range(2))

    def forward(self, ids):
        x = self.embedding(ids)
        return torch.cat([t(x) for t in self.towers], dim=1)  # logits of pCTR, pCVR: (B, 2)


def power_law_ids(batches, batch, fields, vocabulary, scale=1_000_000):
    u = torch.rand(batches, batch, fields, dtype=torch.float64)
    return (scale * u ** 3).long() % vocabulary


def impression_batches():
    """The inputs of esmm and mmoe (as ImpressionBatches.cs): power-law ids, click (0.1) and buy (0.1 of clicks)."""
    ids = power_law_ids(BATCHES, 1024, FIELDS, VOCAB)
    click = (torch.rand(BATCHES, 1024) < 0.1).float()
    buy = click * (torch.rand(BATCHES, 1024) < 0.1).float()
    return [(ids[b], click[b], buy[b]) for b in range(BATCHES)]


@config("esmm")
def esmm_config():
    batches = impression_batches()

    def loss_of(model, b):
        logits = model(b[0])
        p_ctcvr = torch.sigmoid(logits[:, 0]) * torch.sigmoid(logits[:, 1])
        return F.binary_cross_entropy_with_logits(logits[:, 0], b[1]) + F.binary_cross_entropy(p_ctcvr, b[1] * b[2])
    flops = 2 * 2.0 * (FIELDS * DIM * 256 + 256 * 128 + 128 * 64 + 64)
    return 1024, embedding_config(Esmm, loss_of, lambda m, b: m(b[0]), batches, 1024, flops)


class Mmoe(nn.Module):
    def __init__(self, sparse, experts=4, tasks=2):
        super().__init__()
        self.embedding = FieldTables(FIELDS, VOCAB, DIM, sparse)
        width = FIELDS * DIM
        self.experts = nn.ModuleList(mlp([width, 256, 128]) for _ in range(experts))
        self.gates = nn.ModuleList(nn.Linear(width, experts) for _ in range(tasks))
        self.towers = nn.ModuleList(mlp([128, 64], out=1) for _ in range(tasks))

    def forward(self, ids):
        x = self.embedding(ids)
        experts = torch.stack([e(x) for e in self.experts], dim=1)  # (B, n, H)
        return torch.cat([t((torch.softmax(g(x), dim=1).unsqueeze(2) * experts).sum(1)) for g, t in zip(self.gates, self.towers)], dim=1)


@config("mmoe")
def mmoe_config():
    batches = impression_batches()

    def loss_of(model, b):
        logits = model(b[0])
        return F.binary_cross_entropy_with_logits(logits[:, 0], b[1]) + F.binary_cross_entropy_with_logits(logits[:, 1], b[2])
    flops = 4 * 2.0 * (320 * 256 + 256 * 128) + 2 * 2.0 * 320 * 4 + 2 * 2.0 * (128 * 64 + 64)
    return 1024, embedding_config(Mmoe, loss_of, lambda m, b: m(b[0]), batches, 1024, flops)


# ---- two-tower: 8 user + 8 item fields, vocabulary 100k ----------------------------------------------------------------
SIDE_FIELDS, TT_VOCAB = 8, 100_000


class Cin(nn.Module):
    """xDeepFM CIN as ours: maps by dimension (B*D, H), each layer a bias-free Linear over the outer products."""

    def __init__(self, fields, sizes):
        super().__init__()
        self.layers = nn.ModuleList()
        previous = fields
        for h in sizes:
            self.layers.append(nn.Linear(previous * fields, h, bias=False))
            previous = h

    def forward(self, e):  # (B, m, D) -> (B, D, sum H)
        b, m, d = e.shape
        x0 = e.transpose(1, 2).reshape(b * d, m)
        x, maps = x0, []
        for layer in self.layers:
            x = layer((x.unsqueeze(2) * x0.unsqueeze(1)).reshape(b * d, -1))
            maps.append(x.reshape(b, d, -1))
        return torch.cat(maps, dim=2)


class TowerSide(nn.Module):
    """One side of the four branches: MLP, DCN-V2 (3 full-rank cross layers || MLP), FM (sum-pooled), CIN [64, 64]."""

    def __init__(self, sparse, user):
        super().__init__()
        tables = lambda dim: FieldTables(SIDE_FIELDS, TT_VOCAB, dim, sparse)  # noqa: E731
        deep = SIDE_FIELDS * 16
        self.user = user
        self.mlp_embedding, self.mlp = tables(16), mlp([deep, 256, 128], out=64)
        self.dcn_embedding, self.cross = tables(16), nn.ModuleList(nn.Linear(deep, deep) for _ in range(3))
        self.dcn_deep, self.dcn_out = mlp([deep, 256, 128]), nn.Linear(deep + 128, 64)
        self.fm_embedding, self.fm_weights = tables(32), tables(1)
        self.cin_embedding, self.cin, self.cin_projection = tables(32), Cin(SIDE_FIELDS, [64, 64]), nn.Linear(128, 16, bias=False)

    def forward(self, ids):  # (B, 8) -> (B, W)
        b = ids.shape[0]
        mlp_out = self.mlp(self.mlp_embedding(ids))
        x0 = self.dcn_embedding(ids)
        x = x0
        for layer in self.cross:
            x = x0 * layer(x) + x
        dcn_out = self.dcn_out(torch.cat([x, self.dcn_deep(x0)], dim=1))
        e = self.fm_embedding(ids).reshape(b, SIDE_FIELDS, 32)
        s = e.sum(1)
        scalar = self.fm_weights(ids).sum(1, keepdim=True) + 0.5 * (s * s - (e * e).sum(1)).sum(1, keepdim=True)
        ones = torch.ones(b, 1)
        fm_out = torch.cat([s, ones, scalar] if self.user else [s, scalar, ones], dim=1)
        maps = self.cin(self.cin_embedding(ids).reshape(b, SIDE_FIELDS, 32))
        cin_out = torch.cat([maps.sum(1), self.cin_projection(maps).flatten(1)], dim=1)
        return torch.cat([mlp_out, dcn_out, fm_out, cin_out], dim=1)


class TwoTower(nn.Module):
    def __init__(self, sparse):
        super().__init__()
        self.user, self.item = TowerSide(sparse, True), TowerSide(sparse, False)
        self.matching = nn.Linear(64 + 64 + 34 + 128 + 16 * 32, 1)

    def forward(self, ids):  # (B, 16): user fields, then item fields
        return self.matching(self.user(ids[:, :SIDE_FIELDS]) * self.item(ids[:, SIDE_FIELDS:]))


def two_tower_flops():
    deep = SIDE_FIELDS * 16
    mlp_f = 2.0 * (deep * 256 + 256 * 128 + 128 * 64)
    dcn = 2.0 * (3 * (deep * deep + deep) + deep * 256 + 256 * 128 + (deep + 128) * 64)
    cin, previous = 0.0, SIDE_FIELDS
    for h in (64, 64):
        cin += 32 * previous * SIDE_FIELDS + 2.0 * 32 * previous * SIDE_FIELDS * h
        previous = h
    cin += 2.0 * 32 * 128 * 16
    fm = 2.0 * SIDE_FIELDS * 32
    return 2 * (mlp_f + dcn + cin + fm) + 3.0 * 802


def zipf_ids(rows, fields, vocabulary):
    return (torch.pow(float(vocabulary - 2), torch.rand(rows, fields, dtype=torch.float64)) - 1).long()


@config("two-tower")
def two_tower_config():
    batches = [(zipf_ids(1024, 2 * SIDE_FIELDS, TT_VOCAB), (torch.rand(1024, 1) < 0.1).float()) for _ in range(BATCHES)]
    loss_of = lambda m, b: F.binary_cross_entropy_with_logits(m(b[0]), b[1])  # noqa: E731
    return 1024, embedding_config(TwoTower, loss_of, lambda m, b: m(b[0]), batches, 1024, two_tower_flops())


@config("two-tower-serve")
def two_tower_serve_config():
    torch.manual_seed(0)
    model = TwoTower(False).eval()
    ids = zipf_ids(1000, 2 * SIDE_FIELDS, TT_VOCAB)
    ids[:, :SIDE_FIELDS] = ids[0, :SIDE_FIELDS]
    with torch.no_grad():
        items = model.item(ids[:, SIDE_FIELDS:])  # precomputed item vectors (1000, W)
    weight, bias = model.matching.weight[0], model.matching.bias

    def serve():
        with torch.no_grad():
            folded = weight * model.user(ids[:1, :SIDE_FIELDS])[0]  # u' = w ⊙ u
            return float((items @ folded + bias)[0])

    def full():
        with torch.no_grad():
            return float(model(ids)[0, 0])
    flops = two_tower_flops()
    return 1000, [("serve", 1000, flops / 2 / 1000 + 2.0 * 802, serve), ("full", 1000, flops, full)]


# ---- fgbert, srp4ctr: L = 50, items 50k, 3 attributes (1k), 2 behavior fields (10), D 64, 2 layers, 2 heads, FFN 256 ----
L, ITEMS, ATTRIBUTES, ATTRIBUTE_VOCAB, BEHAVIORS, BEHAVIOR_VOCAB, D, LAYERS, HEADS, FFN = 50, 50_002, 3, 1_002, 2, 12, 64, 2, 2, 256
USERS = 1_002


class FgBertEncoder(nn.Module):
    def __init__(self, sparse):
        super().__init__()
        self.items = nn.Embedding(ITEMS, D, sparse=sparse)
        self.attributes = nn.ModuleList(nn.Embedding(ATTRIBUTE_VOCAB, D, sparse=sparse) for _ in range(ATTRIBUTES))
        self.behaviors = nn.ModuleList(nn.Embedding(BEHAVIOR_VOCAB, D, sparse=sparse) for _ in range(BEHAVIORS))
        self.position = nn.Parameter(torch.randn(L + 1, D) * 0.02)
        self.content_mask, self.behavior_mask = nn.Parameter(torch.randn(D) * 0.02), nn.Parameter(torch.randn(D) * 0.02)
        self.layers = nn.ModuleList(nn.TransformerEncoderLayer(D, HEADS, FFN, dropout=0.0, activation="gelu", batch_first=True)
                                    for _ in range(LAYERS))

    def content(self, items, attributes):  # (B, L) ids and 3 × (B, L) -> (B, L, D); also works for (B,) candidates
        return self.items(items) + sum(t(a) for t, a in zip(self.attributes, attributes))

    def embed(self, seq, content_flags=None, behavior_flags=None):
        content = self.content(seq["items"], seq["attributes"])
        side = sum(t(b) for t, b in zip(self.behaviors, seq["behaviors"]))
        if content_flags is not None:
            content = content * (1 - content_flags) + content_flags * self.content_mask
            side = side * (1 - behavior_flags) + behavior_flags * self.behavior_mask
        return content + side + self.position[:L]

    def encode(self, tokens, padding):
        states = [tokens]
        for layer in self.layers:
            states.append(layer(states[-1], src_key_padding_mask=padding))
        return states


def sequences(rows, one_user=False):
    """Random behavior sequences (all L positions valid; power-law item ids) and candidates."""
    def ids(vocabulary, shape, power_law=False):
        u = torch.rand(shape, dtype=torch.float64)
        return ((torch.pow(float(vocabulary - 2), u) - 1).long() if power_law else (u * (vocabulary - 2)).long()) + 2

    seq = {"items": ids(ITEMS, (rows, L), True), "attributes": [ids(ATTRIBUTE_VOCAB, (rows, L)) for _ in range(ATTRIBUTES)],
           "behaviors": [ids(BEHAVIOR_VOCAB, (rows, L)) for _ in range(BEHAVIORS)], "padding": torch.zeros(rows, L, dtype=torch.bool),
           "user": ids(USERS, (rows,)), "candidate": ids(ITEMS, (rows,), True),
           "candidate_attributes": [ids(ATTRIBUTE_VOCAB, (rows,)) for _ in range(ATTRIBUTES)], "click": (torch.rand(rows, 1) < 0.1).float()}
    if one_user:
        for key in ("items", "padding", "user"):
            seq[key] = seq[key][:1].expand_as(seq[key]).contiguous()
        for key in ("attributes", "behaviors"):
            seq[key] = [s[:1].expand_as(s).contiguous() for s in seq[key]]
    return seq


def encoder_flops():
    return LAYERS * (8 * L * D * D + 4 * L * L * D + 4 * L * D * FFN)


class FgBertPretraining(nn.Module):
    def __init__(self, sparse):
        super().__init__()
        self.encoder = FgBertEncoder(sparse)
        self.item_output = nn.Linear(D, ITEMS)
        self.behavior_heads = nn.ModuleList(nn.Linear(D, BEHAVIOR_VOCAB) for _ in range(BEHAVIORS))

    def loss(self, seq):
        b = seq["items"].shape[0]
        content_flags = (torch.rand(b, L, 1) < 0.15).float()
        behavior_flags = (torch.rand(b, L, 1) < 0.15).float()
        tokens = self.encoder.embed(seq, content_flags, behavior_flags)
        hidden = self.encoder.encode(tokens, seq["padding"])[-1].reshape(b * L, D)
        content = content_flags.reshape(-1).nonzero().squeeze(1)
        behavior = behavior_flags.reshape(-1).nonzero().squeeze(1)
        loss = F.cross_entropy(self.item_output(hidden.index_select(0, content)), seq["items"].reshape(-1)[content])
        h = hidden.index_select(0, behavior)
        for head, targets in zip(self.behavior_heads, seq["behaviors"]):
            loss = loss + F.cross_entropy(head(h), targets.reshape(-1)[behavior])
        return loss


@config("fgbert")
def fgbert_config():
    batches = [sequences(256) for _ in range(BATCHES)]
    masked = 0.15 * L
    flops = encoder_flops() + masked * (2 * D * ITEMS + BEHAVIORS * 2 * D * BEHAVIOR_VOCAB)
    return 256, embedding_config(FgBertPretraining, lambda m, b: m.loss(b), lambda m, b: m.loss(b), batches, 256, flops)


class UniCrossBlock(nn.Module):
    """Ours: q = Q(query); softmax(q kᵀ/√dh) v; x = LN1(query + O(context)); LN2(x + FF2(relu(FF1(x))))."""

    def __init__(self):
        super().__init__()
        self.query, self.output = nn.Linear(D, D), nn.Linear(D, D)
        self.ff1, self.ff2 = nn.Linear(D, FFN), nn.Linear(FFN, D)
        self.norm1, self.norm2 = nn.LayerNorm(D), nn.LayerNorm(D)

    def forward(self, query, keys, values, padding):  # query (U, Q, D); keys, values (U, H, L, Dh); padding (U, L)
        u, q_len, _ = query.shape
        q = self.query(query).reshape(u, q_len, HEADS, D // HEADS).permute(0, 2, 1, 3)
        scores = (q @ keys.transpose(2, 3)) / math.sqrt(D // HEADS)
        scores = scores.masked_fill(padding[:, None, None, :], float("-inf"))
        context = (torch.softmax(scores, dim=-1) @ values).permute(0, 2, 1, 3).reshape(u, q_len, D)
        x = self.norm1(query + self.output(context))
        return self.norm2(x + self.ff2(torch.relu(self.ff1(x))))


def heads(x):  # (U, L, D) -> (U, H, L, Dh)
    return x.reshape(x.shape[0], x.shape[1], HEADS, D // HEADS).permute(0, 2, 1, 3)


class Srp4Ctr(nn.Module):
    def __init__(self, sparse):
        super().__init__()
        self.encoder = FgBertEncoder(sparse)
        self.cross = nn.ModuleList(UniCrossBlock() for _ in range(LAYERS))
        self.candidate_position = nn.Parameter(torch.randn(D) * 0.02)
        self.queries = nn.Parameter(torch.randn(4, D) * 0.02)
        self.query_key, self.query_value, self.query_block = nn.Linear(D, D), nn.Linear(D, D), UniCrossBlock()
        self.user = nn.Embedding(USERS, D, sparse=sparse)
        self.head = mlp([7 * D, 128, 64], out=1)

    def encode_user(self, seq):
        states = self.encoder.encode(self.encoder.embed(seq), seq["padding"])
        layers = []
        for l in range(LAYERS):  # each layer's own K/V projections of its input (shared with the encoder)
            w, bias = self.encoder.layers[l].self_attn.in_proj_weight, self.encoder.layers[l].self_attn.in_proj_bias
            layers.append((heads(F.linear(states[l], w[D:2 * D], bias[D:2 * D])), heads(F.linear(states[l], w[2 * D:], bias[2 * D:]))))
        u = states[-1].shape[0]
        queries = self.query_block(self.queries.expand(u, -1, -1), heads(self.query_key(states[-1])), heads(self.query_value(states[-1])), seq["padding"])
        return layers, seq["padding"], torch.cat([queries.flatten(1), self.user(seq["user"])], dim=1)

    def score(self, state, seq):
        layers, padding, user_vector = state
        c, u = seq["candidate"].shape[0], user_vector.shape[0]
        content = self.encoder.content(seq["candidate"], seq["candidate_attributes"])  # (C, D)
        query = (content + self.candidate_position).reshape(u, c // u, D)
        for l, block in enumerate(self.cross):
            query = block(query, layers[l][0], layers[l][1], padding)
        return self.head(torch.cat([user_vector.expand(c, -1), content, query.reshape(c, D)], dim=1))

    def forward(self, seq):
        return self.score(self.encode_user(seq), seq)


def srp4ctr_flops():
    cross = lambda q: 4 * q * D * D + 4 * q * L * D + 4 * q * D * FFN  # noqa: E731
    user = encoder_flops() + (LAYERS + 1) * 4 * L * D * D + cross(4)
    candidate = LAYERS * cross(1) + 2 * (7 * D * 128 + 128 * 64 + 64)
    return user, candidate


@config("srp4ctr")
def srp4ctr_config():
    batches = [sequences(256) for _ in range(BATCHES)]
    user, candidate = srp4ctr_flops()
    loss_of = lambda m, b: F.binary_cross_entropy_with_logits(m(b), b["click"])  # noqa: E731
    return 256, embedding_config(Srp4Ctr, loss_of, lambda m, b: m(b), batches, 256, user + candidate)


@config("srp4ctr-serve")
def srp4ctr_serve_config():
    torch.manual_seed(0)
    model = Srp4Ctr(False).eval()
    seq = sequences(1000, one_user=True)
    user_seq = {k: (v[:1] if torch.is_tensor(v) else [s[:1] for s in v]) for k, v in seq.items()}

    def serve():
        with torch.no_grad():
            return float(model.score(model.encode_user(user_seq), seq)[0, 0])

    def full():
        with torch.no_grad():
            return float(model(seq)[0, 0])
    user, candidate = srp4ctr_flops()
    return 1000, [("serve", 1000, candidate + user / 1000, serve), ("full", 1000, candidate + user, full)]


# ---- bahe: BAHE's deep part over a 200k x 128 frozen behavior table (bench/MLNetCtr.Benchmarks/BaheBenchmarks.cs) -------
BAHE_ROWS, BAHE_D, BAHE_L, BAHE_SEQUENCES, BAHE_LAYERS, BAHE_HEADS, BAHE_FFN, BAHE_BATCH = 200_000, 128, 100, 2, 2, 4, 512, 128


class BaheTower(nn.Module):
    """Ours (BaheSequenceTower): x = e + recency[n - t] (zero-initialised, row 0 padding); 2 pre-norm layers
    (LN eps 1e-6, fused qkv, ReLU FFN, no dropout); mean over the n valid positions."""

    def __init__(self):
        super().__init__()
        self.recency = nn.Embedding(BAHE_L + 1, BAHE_D, padding_idx=0)
        nn.init.zeros_(self.recency.weight)
        self.layers = nn.ModuleList(nn.TransformerEncoderLayer(BAHE_D, BAHE_HEADS, BAHE_FFN, dropout=0.0, activation="relu",
                                                               layer_norm_eps=1e-6, batch_first=True, norm_first=True)
                                    for _ in range(BAHE_LAYERS))

    def forward(self, behaviors, steps_back, padding):  # (B, L, D), (B, L) n - t, (B, L) all False -> (B, D)
        x = behaviors + self.recency(steps_back)
        for layer in self.layers:
            x = layer(x, src_key_padding_mask=padding)
        valid = (~padding).unsqueeze(2).float()
        return (x * valid).sum(1) / valid.sum(1)


class Bahe(nn.Module):
    def __init__(self):
        super().__init__()
        self.table = torch.rand(BAHE_ROWS, BAHE_D) - 0.5  # frozen: the shallow part ran once, offline
        self.towers = nn.ModuleList(BaheTower() for _ in range(BAHE_SEQUENCES))
        self.item = nn.Linear(BAHE_D, BAHE_D)
        self.head = mlp([(2 * BAHE_SEQUENCES + 1) * BAHE_D, 256, 64], out=1)

    def forward(self, batch):
        item = self.item(self.table[batch["items"]])  # (B, D)
        users = [tower(self.table[ids], batch["steps_back"], batch["padding"]) for tower, ids in zip(self.towers, batch["sequences"])]
        return self.head(torch.cat([*users, item, *[u * item for u in users]], dim=1))  # (B, 1)


@config("bahe")
def bahe_config():
    torch.manual_seed(0)
    model = Bahe()
    steps_back = (BAHE_L - torch.arange(BAHE_L)).expand(BAHE_BATCH, BAHE_L).contiguous()
    batches = [{"sequences": [torch.randint(1, BAHE_ROWS, (BAHE_BATCH, BAHE_L)) for _ in range(BAHE_SEQUENCES)],
                "items": torch.randint(1, BAHE_ROWS, (BAHE_BATCH,)), "click": (torch.rand(BAHE_BATCH, 1) < 0.2).float(),
                "steps_back": steps_back, "padding": torch.zeros(BAHE_BATCH, BAHE_L, dtype=torch.bool)} for _ in range(8)]
    d, l = BAHE_D, BAHE_L
    flops = (BAHE_SEQUENCES * BAHE_LAYERS * l * (2 * (3 * d * d + d * d + 2 * d * BAHE_FFN) + 4 * l * d)
             + 2 * d * d + 2 * (5 * d * 256 + 256 * 64 + 64))
    loss_of = lambda b: F.binary_cross_entropy_with_logits(model(b), b["click"])  # noqa: E731
    return BAHE_BATCH, [("train", BAHE_BATCH, 3 * flops, training_pass(model, False, loss_of, batches)),
                        ("infer", BAHE_BATCH, flops, inference_pass(model, model, batches))]


# ---- runner ----------------------------------------------------------------------------------------------------------
def time_pass(name, samples, flops, run, window):
    start, calls = time.perf_counter(), 0
    while calls < 3 or time.perf_counter() - start < window:
        run()
        calls += 1
    rates = []
    for _ in range(WINDOWS):
        start, n = time.perf_counter(), 0
        while True:
            run()
            n += 1
            if time.perf_counter() - start >= window:
                break
        rates.append(n * samples / (time.perf_counter() - start))
    median = statistics.median(rates)
    return {"name": name, "samplesPerSecond": median, "microsecondsPerSample": 1e6 / median, "flopsPerSample": flops,
            "gflops": flops * median / 1e9, "windows": rates}


def measure(name, window):
    start = time.perf_counter()
    batch, passes = CONFIGS[name]()
    setup = time.perf_counter() - start
    measured = [time_pass(*p, window) for p in passes]
    trains = [p for p in measured if p["name"].startswith("train-")]
    if trains:  # report the faster of sparse and dense gradients as `train`
        best = max(trains, key=lambda p: p["samplesPerSecond"])
        measured.insert(0, {**best, "name": "train", "variant": best["name"][len("train-"):]})
    return {"config": name, "batch": batch, "passes": measured, "peakMemoryMiB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "setupSeconds": setup}


def machine(threads):
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), platform.processor())
    return {"cpu": cpu, "cores": os.cpu_count(), "threads": threads, "runtime": f"torch {torch.__version__}, Python {platform.python_version()}",
            "os": platform.platform(), "blas": os.environ.get("LD_LIBRARY_PATH"), "ompWaitPolicy": os.environ.get("OMP_WAIT_POLICY"), "loadAverage": open("/proc/loadavg").read().strip(),
            "date": time.strftime("%Y-%m-%d %H:%M:%SZ", time.gmtime())}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("config", nargs="?", default="all", help=f"one of {', '.join(CONFIGS)} or all")
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    parser.add_argument("--out")
    parser.add_argument("--window", type=float, default=1.0, help="seconds per timed window (and of warm-up)")
    parser.add_argument("--child", action="store_true")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(1)
    if args.child:
        torch.manual_seed(0)
        print(json.dumps(measure(args.config, args.window)))
        return
    names = list(CONFIGS) if args.config == "all" else [args.config]
    results = []
    for name in names:
        if name not in CONFIGS:
            sys.exit(f"Unknown configuration '{name}'; known: {', '.join(CONFIGS)}, all.")
        out = subprocess.run([sys.executable, __file__, name, "--child", "--threads", str(args.threads), "--window", str(args.window)],
                             check=True, capture_output=True, text=True).stdout
        result = json.loads(out)
        results.append(result)
        print(f"{name}: " + ", ".join(f"{p['name']} {p['samplesPerSecond']:,.0f}/s ({p['gflops']:.1f} GFLOP/s)" for p in result["passes"])
              + f", peak {result['peakMemoryMiB']:,.0f} MiB", file=sys.stderr)
    report = json.dumps({"side": "pytorch", "machine": machine(args.threads), "results": results}, indent=2)
    if args.out:
        with open(args.out, "w") as f:
            f.write(report)
    else:
        print(report)


if __name__ == "__main__":
    main()
