"""Drives `recbook kernel` with jupyter_client the way JupyterLab does, and prints what it saw
as JSON for the Swift test to check (Tests/EndToEndTests/JupyterTests.swift).

usage: kernel_session.py NOTEBOOK.md EPOCHS
The RecBook kernelspec must be on JUPYTER_PATH.
"""
import json
import queue
import re
import sys
import time

from jupyter_client import KernelManager
from jupyter_client.session import Session


def cells_of(path):
    text = open(path, encoding="utf-8").read()
    return re.findall(r"^```recbook[^\n]*\n(.*?)\n```$", text, flags=re.S | re.M)


def run(kc, code, timeout=300):
    """Executes code; returns the execute_reply content and the iopub messages it caused."""
    msg_id = kc.execute(code)
    messages = []
    while True:
        msg = kc.get_iopub_msg(timeout=timeout)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            break
        messages.append(msg)
    reply = kc.get_shell_msg(timeout=timeout)
    assert reply["parent_header"]["msg_id"] == msg_id
    return reply["content"], messages


def wait_for_iopub(kc):
    """Asks for kernel_info until its busy/idle status arrives, so iopub is surely subscribed."""
    while True:
        kc.kernel_info()
        kc.get_shell_msg(timeout=30)
        try:
            kc.get_iopub_msg(timeout=0.5)
        except queue.Empty:
            continue
        while True:
            try:
                kc.get_iopub_msg(timeout=0.2)
            except queue.Empty:
                return


def summary(reply, messages):
    outputs = []
    for msg in messages:
        kind = msg["msg_type"]
        if kind in ("display_data", "execute_result"):
            outputs.append({"type": kind, "mime": sorted(msg["content"]["data"]),
                            "text": msg["content"]["data"]["text/plain"]})
        elif kind in ("stream", "error", "execute_input"):
            outputs.append({"type": kind, "content": msg["content"]})
    return {"status": reply["status"], "execution_count": reply.get("execution_count"),
            "ename": reply.get("ename"), "traceback": reply.get("traceback"), "outputs": outputs}


def main():
    notebook, epochs = sys.argv[1], int(sys.argv[2])
    report = {}
    started = time.perf_counter()
    km = KernelManager(kernel_name="recbook")
    km.start_kernel()
    process = km.provisioner.process
    kc = km.client()
    kc.start_channels()
    kc.kernel_info()
    info = kc.get_shell_msg(timeout=30)
    report["kernel_info_seconds"] = time.perf_counter() - started
    report["kernel_info"] = info["content"]
    wait_for_iopub(kc)
    try:
        # A trivial cell, timed over many round trips.
        run(kc, "x = 1")
        rounds = 50
        started = time.perf_counter()
        for _ in range(rounds):
            run(kc, "y = x")
        report["round_trip_seconds"] = (time.perf_counter() - started) / rounds

        cells = []
        for source in cells_of(notebook):
            source = re.sub(r"param epochs = \d+", f"param epochs = {epochs}", source)
            cells.append(summary(*run(kc, source)))
        report["cells"] = cells

        report["error"] = summary(*run(kc, "score2 = evaluate model k: 10\nbest = evalute model k: 5"))
        report["after_error"] = summary(*run(kc, "expect score2.recall == score.recall"))

        kc.complete("fit = tra", 9)
        report["complete_command"] = kc.get_shell_msg(timeout=30)["content"]
        kc.complete("more = train model ep", 21)
        report["complete_label"] = kc.get_shell_msg(timeout=30)["content"]
        kc.complete("n = data.num_u", 14)
        report["complete_field"] = kc.get_shell_msg(timeout=30)["content"]
        kc.inspect("fit = train model", 9)
        report["inspect_command"] = kc.get_shell_msg(timeout=30)["content"]
        kc.inspect("show score", 8)
        report["inspect_value"] = kc.get_shell_msg(timeout=30)["content"]
        kc.is_complete("users = [1, 2,")
        report["is_complete_open"] = kc.get_shell_msg(timeout=30)["content"]
        kc.history()
        report["history"] = kc.get_shell_msg(timeout=30)["content"]
        kc.comm_info()
        report["comm_info"] = kc.get_shell_msg(timeout=30)["content"]

        # Interrupt a long training run once its progress is streaming.
        msg_id = kc.execute("long = train model epochs: 100000 lr: lr reg: reg seed: seed\nafter = 1")
        streamed = None
        while streamed is None:
            msg = kc.get_iopub_msg(timeout=120)
            if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "stream":
                streamed = msg["content"]["text"]
        interrupted_at = time.perf_counter()
        km.interrupt_kernel()
        reply = kc.get_shell_msg(timeout=120)
        report["interrupt"] = {"first_stream": streamed, "reply": reply["content"],
                               "seconds_to_stop": time.perf_counter() - interrupted_at}
        report["after_interrupt"] = summary(*run(kc, "recommend model [1] k: 3"))

        # A message signed with another key must be dropped, and the kernel go on answering.
        forged = Session(key=b"not-the-connection-key", session=kc.session.session)
        forged.send(kc.shell_channel.socket, forged.msg("execute_request", {
            "code": "forged = 1", "silent": False, "store_history": True,
            "user_expressions": {}, "allow_stdin": False, "stop_on_error": True}))
        report["forged_reply"] = kc.shell_channel.msg_ready() or bool(kc.shell_channel.socket.poll(2000))
        report["after_forged"] = summary(*run(kc, "show forged"))
    finally:
        kc.stop_channels()
        started = time.perf_counter()
        km.shutdown_kernel(now=False)
        report["shutdown_seconds"] = time.perf_counter() - started
        report["exit_code"] = process.wait(timeout=10)
    print(json.dumps(report))


if __name__ == "__main__":
    main()
