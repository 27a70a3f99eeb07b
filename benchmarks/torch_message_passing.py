"""The message-passing walkthrough's protocol in plain PyTorch, to compare RecBook's numbers with.

Written for RecBook from the protocol as the walkthrough (Notebooks/gnn-message-passing.md)
states it, not from the tutorial's code:

- a graph of liked ratings (>= 4 stars) of MovieLens 100K `u.data`; users and movies numbered in
  the order they first appear in the file (every rated movie gets a node, liked or not);
- each user's liked movies shuffled, max(1, int(0.2 n)) held out when n > 1, none otherwise;
- one xavier-uniform table over users and movies, 3 LightGCN layers over the training edges
  (D^-1/2 A D^-1/2), the mean of all layers;
- each epoch: the training edges shuffled into batches of 1024, one negative per edge drawn
  uniformly among the movies the user did not like (held-out likes are never negatives),
  BPR + 1e-4 * ||E||^2 / |B|, one Adam step (lr 1e-3) per batch;
- after 50 epochs, Hit@K and NDCG@K over the tested users, each user's training movies masked.

Usage: python torch_message_passing.py ML100K_DIR SEED [SEED ...]
Prints one `RESULT seed=S hit10=… ndcg10=… hit20=…` line per seed.
"""
import sys

import numpy as np
import torch

torch.set_num_threads(2)


def load_liked(folder):
    data = np.loadtxt(f"{folder}/u.data", dtype=np.int64)
    users, user_index = np.unique(data[:, 0], return_index=True)
    movies, movie_index = np.unique(data[:, 1], return_index=True)
    # Number ids by first appearance, as pandas' unique() would.
    user_order = {u: i for i, u in enumerate(users[np.argsort(user_index)])}
    movie_order = {m: i for i, m in enumerate(movies[np.argsort(movie_index)])}
    liked = {}
    for u, m, r, _ in data:
        if r >= 4:
            liked.setdefault(user_order[u], []).append(movie_order[m])
    return len(user_order), len(movie_order), liked


def hold_out(liked, rng):
    train, test = [], {}
    for u, movies in liked.items():
        movies = list(movies)
        rng.shuffle(movies)
        n_test = max(1, int(len(movies) * 0.2)) if len(movies) > 1 else 0
        if n_test:
            test[u] = set(movies[:n_test])
        train += [(u, m) for m in movies[n_test:]]
    return np.array(train, dtype=np.int64), test


def normalized_adjacency(train, n_users, n_nodes):
    rows = np.concatenate([train[:, 0], train[:, 1] + n_users])
    cols = np.concatenate([train[:, 1] + n_users, train[:, 0]])
    degree = np.bincount(rows, minlength=n_nodes).astype(np.float32)
    inv = np.where(degree > 0, degree ** -0.5, 0).astype(np.float32)
    values = inv[rows] * inv[cols]
    index = torch.tensor(np.stack([rows, cols]))
    coo = torch.sparse_coo_tensor(index, torch.tensor(values), (n_nodes, n_nodes)).coalesce()
    return coo.to_sparse_csr()


def propagate(table, adjacency, layers=3):
    out, x = table, table
    for _ in range(layers):
        x = torch.sparse.mm(adjacency, x)
        out = out + x
    return out / (layers + 1)


def run(folder, seed, epochs=50, batch=1024):
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    n_users, n_movies, liked = load_liked(folder)
    train, test = hold_out(liked, rng)
    n_nodes = n_users + n_movies
    adjacency = normalized_adjacency(train, n_users, n_nodes)
    liked_mask = np.zeros((n_users, n_movies), dtype=bool)
    for u, movies in liked.items():
        liked_mask[u, movies] = True
    table = torch.nn.Parameter(torch.empty(n_nodes, 64))
    torch.nn.init.xavier_uniform_(table)
    adam = torch.optim.Adam([table], lr=1e-3)
    for _ in range(epochs):
        order = rng.permutation(len(train))
        for start in range(0, len(train), batch):
            users, positives = train[order[start:start + batch]].T
            negatives = rng.integers(0, n_movies, len(users))
            clash = liked_mask[users, negatives]
            while clash.any():
                negatives[clash] = rng.integers(0, n_movies, clash.sum())
                clash = liked_mask[users, negatives]
            final = propagate(table, adjacency)
            u = final[torch.tensor(users)]
            margin = (u * final[torch.tensor(positives + n_users)]).sum(1) - (u * final[torch.tensor(negatives + n_users)]).sum(1)
            loss = -torch.nn.functional.logsigmoid(margin).mean() + 1e-4 * table.pow(2).sum() / len(users)
            adam.zero_grad()
            loss.backward()
            adam.step()
    with torch.no_grad():
        final = propagate(table, adjacency)
        scores = final[:n_users] @ final[n_users:].T
    scores[torch.tensor(train[:, 0]), torch.tensor(train[:, 1])] = -float("inf")
    top = torch.topk(scores, 20, dim=1).indices.numpy()
    metrics = {}
    for k in (10, 20):
        hits, ndcgs = [], []
        for u, held in test.items():
            gains = [1 / np.log2(r + 2) for r, m in enumerate(top[u, :k]) if m in held]
            ideal = sum(1 / np.log2(r + 2) for r in range(min(len(held), k)))
            hits.append(1.0 if gains else 0.0)
            ndcgs.append(sum(gains) / ideal)
        metrics[k] = (np.mean(hits), np.mean(ndcgs))
    return metrics


if __name__ == "__main__":
    folder = sys.argv[1]
    for seed in map(int, sys.argv[2:]):
        m = run(folder, seed)
        print(f"RESULT seed={seed} hit10={m[10][0]:.4f} ndcg10={m[10][1]:.4f} hit20={m[20][0]:.4f}", flush=True)
