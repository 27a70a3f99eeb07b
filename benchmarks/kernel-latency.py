"""Times the RecBook Jupyter kernel with jupyter_client: kernel start to kernel_info reply, and
round trips of a trivial cell and of kernel_info (which runs no cell: the protocol's own cost).

usage: JUPYTER_PATH=PREFIX/share/jupyter python benchmarks/kernel-latency.py [ROUNDS]
(after `recbook kernel install --prefix PREFIX`; scripts/jupyter-venv.sh makes the python)
"""
import statistics
import sys
import time

from jupyter_client import KernelManager


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    started = time.perf_counter()
    km = KernelManager(kernel_name="recbook")
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    kc.kernel_info()
    kc.get_shell_msg(timeout=30)
    print(f"kernel start → kernel_info reply: {1000 * (time.perf_counter() - started):.0f} ms")
    kc.wait_for_ready(timeout=30)
    kc.execute_interactive("x = 1", timeout=30)

    def timed(action):
        samples = []
        for _ in range(rounds):
            begin = time.perf_counter()
            action()
            samples.append(1000 * (time.perf_counter() - begin))
        return f"median {statistics.median(samples):.1f} ms, mean {statistics.mean(samples):.1f} ms, min {min(samples):.1f} ms"

    print("trivial cell (execute_interactive 'y = x', reply and idle):", timed(lambda: kc.execute_interactive("y = x", timeout=30, output_hook=lambda m: None)))
    print("kernel_info round trip:", timed(lambda: (kc.kernel_info(), kc.get_shell_msg(timeout=30))))
    kc.stop_channels()
    km.shutdown_kernel()


if __name__ == "__main__":
    main()
