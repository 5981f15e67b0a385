"""Writing a model folder the engine loads as it is: config.json, the weights, both
SentencePiece models and a card.md saying what was trained, on what, and how."""

import json
import os
import shutil

from . import safetensors_io
from .model import expected_shapes

LANGUAGES = {"en": "English", "fr": "French", "de": "German", "cs": "Czech", "es": "Spanish",
             "it": "Italian", "nl": "Dutch", "pt": "Portuguese"}


def default_decoding(task):
    """The C++ trainer's per-task decoding defaults (beam for translation, sampling for chat)."""
    if task == "chat":
        return {"strategy": "sample", "temperature": 0.8, "top_p": 0.9, "repetition_penalty": 1.2,
                "no_repeat_ngram_size": 3, "max_length": 64}
    return {"strategy": "beam", "beam_size": 5, "length_penalty": 0.6}


def new_config(name, task, source_language, target_language, source_spm, target_spm, architecture):
    """config.json for a model trained from scratch; vocabulary sizes and special ids from the
    SentencePiece processors."""
    config = {
        "format_version": 1, "name": name, "task": task,
        "source_language": source_language, "target_language": target_language,
        "source_vocab_size": source_spm.get_piece_size(), "target_vocab_size": target_spm.get_piece_size(),
        "pad_id": source_spm.pad_id(), "unk_id": source_spm.unk_id(),
        "bos_id": source_spm.bos_id(), "eos_id": source_spm.eos_id(), "sep_id": -1,
        "source_tokenizer": "source.spm", "target_tokenizer": "target.spm",
        "weights_file": "model.safetensors", "precision": "f32", "decoding": default_decoding(task),
    }
    config.update(architecture)
    if task == "chat":
        sep = source_spm.piece_to_id("<sep>")
        if sep != source_spm.unk_id():
            config["sep_id"] = sep
    return config


def licence_notes(paths):
    notes = []
    joined = " ".join(paths)
    if "dailydialog" in joined:
        notes.append("**Non-commercial use only.** Trained on DailyDialog (CC BY-NC-SA 4.0): this model is a "
                     "derivative for non-commercial use, shared under the same licence.")
    if "tatoeba" in joined:
        notes.append("Tatoeba data is CC BY 2.0 FR: keep the attribution to tatoeba.org and manythings.org/anki "
                     "when redistributing.")
    if "multi30k" in joined:
        notes.append("Multi30k is for research use; cite Elliott et al. 2016 (and Elliott et al. 2017 for French).")
    if any(not any(k in p for k in ("dailydialog", "tatoeba", "multi30k")) for p in paths):
        notes.append("Other data: under the terms its owner gives.")
    return notes


def write_folder(out_dir, config, weights, source_spm_file, target_spm_file, card, save_dtype="F32"):
    """Writes the folder; every file is replaced atomically, so a reader never sees half a model."""
    os.makedirs(out_dir, exist_ok=True)
    shapes = expected_shapes(config)
    assert set(shapes) == set(weights), "weights do not match the config"
    safetensors_io.save(os.path.join(out_dir, config["weights_file"]), weights, save_dtype)
    for source, name in ((source_spm_file, config["source_tokenizer"]), (target_spm_file, config["target_tokenizer"])):
        destination = os.path.join(out_dir, name)
        if not (os.path.exists(destination) and os.path.samefile(source, destination)):
            shutil.copyfile(source, destination + ".tmp")
            os.replace(destination + ".tmp", destination)
    safetensors_io.write_atomically(os.path.join(out_dir, "config.json"),
                                    (json.dumps(config, indent=2, sort_keys=True) + "\n").encode("utf-8"))
    safetensors_io.write_atomically(os.path.join(out_dir, "card.md"), card.encode("utf-8"))


def parameter_count(config):
    count = 0
    for shape in expected_shapes(config).values():
        n = 1
        for d in shape:
            n *= d
        count += n
    return count
