"""Writes trafilatura's predictions for the trafilatura evaluation pages as JSON lines.

    python3 -m venv /work/venv-traf && /work/venv-traf/bin/pip install trafilatura==2.3.1 lxml_html_clean
    /work/venv-traf/bin/python services/evaluation/scripts/trafilatura_predictions.py \
        ../shared/data/trafilatura-eval-dev /work/traf-predictions/trafilatura-2.3.1-dev.jsonl

One line per page, `{"url": URL, "text": TEXT}`, with TEXT = `trafilatura.extract(html, url=url)`
(the call PROVENANCE.md names; `null` when trafilatura returns nothing), for
`sahel-trafilatura-score --predictions FILE` and `tests/trafilatura_eval.rs`
(`SAHEL_TRAFILATURA_PREDICTIONS=FILE`). The output is page text: keep it outside the repository.
"""

import gzip
import json
import os
import sys

import trafilatura


def main(data_dir: str, out_path: str) -> None:
    with open(os.path.join(data_dir, "evaldata-dev.json"), encoding="utf-8") as f:
        evaldata = json.load(f)
    with open(os.path.join(data_dir, "file-map.json"), encoding="utf-8") as f:
        file_map = json.load(f)
    with open(out_path, "w", encoding="utf-8") as out:
        for url in evaldata:
            with gzip.open(os.path.join(data_dir, file_map[url]["html"])) as page:
                html = page.read()
            text = trafilatura.extract(html, url=url)
            out.write(json.dumps({"url": url, "text": text}, ensure_ascii=False) + "\n")
    print(f"trafilatura {trafilatura.__version__}: {len(evaldata)} pages -> {out_path}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
