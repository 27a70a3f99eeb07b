"""Times NeuMF-end epochs of the NCF walkthrough (seed 003) in PyTorch, for the Swift `Benchmarks`.

Usage: python torch_ncf.py PREFIX EPOCHS

PREFIX names the three files the Swift side wrote in the NCF format (PREFIX.train.rating,
PREFIX.test.rating, PREFIX.test.negative). Model, sampling and evaluation follow the seed: GMF
and MLP paths (32 factors, tower 256-128-64-32), 4 negatives per positive redrawn each epoch,
shuffled batches of 256, BCE with logits, Adam 1e-3; evaluation ranks every test case's 100
candidates in a batch of its own (a DataLoader of 100 pairs) with torch.topk. Two threads. Prints one JSON line with the
median seconds per epoch of training ("train_s") and of evaluation ("eval_s").
"""
import json, statistics, sys, time

import numpy as np
import torch
import torch.nn as nn
import torch.utils.data as tud

torch.set_num_threads(2)
torch.manual_seed(0)
np.random.seed(0)
prefix, epochs = sys.argv[1], int(sys.argv[2])

train = np.loadtxt(prefix + ".train.rating", dtype=np.int64, delimiter="\t", usecols=(0, 1)).reshape(-1, 2)
users, items = int(train[:, 0].max()) + 1, int(train[:, 1].max()) + 1
seen = set(map(tuple, train.tolist()))
test = []
with open(prefix + ".test.negative") as f:
    for line in f:
        head, *negatives = line.rstrip("\n").split("\t")
        u, i = (int(x) for x in head.strip("()").split(","))
        test.append([u, i])
        test.extend([u, int(j)] for j in negatives)


class Samples(tud.Dataset):
    def __init__(self, pairs, negatives):
        self.pairs, self.negatives = pairs.tolist(), negatives

    def resample(self):
        drawn = []
        for u, _ in self.pairs:
            for _ in range(self.negatives):
                j = np.random.randint(items)
                while (u, j) in seen:
                    j = np.random.randint(items)
                drawn.append([u, j])
        self.rows = self.pairs + drawn
        self.labels = [1.0] * len(self.pairs) + [0.0] * len(drawn)

    def __len__(self):
        return (self.negatives + 1) * len(self.pairs)

    def __getitem__(self, k):
        return self.rows[k][0], self.rows[k][1], self.labels[k]


class NeuMF(nn.Module):
    def __init__(self, factors=32, layers=3):
        super().__init__()
        width = factors * 2 ** (layers - 1)
        self.embed_user_GMF, self.embed_item_GMF = nn.Embedding(users, factors), nn.Embedding(items, factors)
        self.embed_user_MLP, self.embed_item_MLP = nn.Embedding(users, width), nn.Embedding(items, width)
        modules = []
        for k in range(layers):
            size = factors * 2 ** (layers - k)
            modules += [nn.Dropout(0.0), nn.Linear(size, size // 2), nn.ReLU()]
        self.MLP_layers = nn.Sequential(*modules)
        self.predict_layer = nn.Linear(2 * factors, 1)
        for table in (self.embed_user_GMF, self.embed_item_GMF, self.embed_user_MLP, self.embed_item_MLP):
            nn.init.normal_(table.weight, std=0.01)
        for m in self.MLP_layers:
            if isinstance(m, nn.Linear):
                nn.init.xavier_uniform_(m.weight)
                m.bias.data.zero_()
        nn.init.kaiming_uniform_(self.predict_layer.weight, a=1, nonlinearity="sigmoid")
        self.predict_layer.bias.data.zero_()

    def forward(self, u, i):
        gmf = self.embed_user_GMF(u) * self.embed_item_GMF(i)
        mlp = self.MLP_layers(torch.cat((self.embed_user_MLP(u), self.embed_item_MLP(i)), -1))
        return self.predict_layer(torch.cat((gmf, mlp), -1)).view(-1)


class Cases(tud.Dataset):
    """The test pairs, 100 per case with the held-out item first; a batch of 100 is one case."""

    def __init__(self, pairs):
        self.pairs = pairs

    def __len__(self):
        return len(self.pairs)

    def __getitem__(self, k):
        return self.pairs[k][0], self.pairs[k][1], 0


samples = Samples(train, 4)
loader = tud.DataLoader(samples, batch_size=256, shuffle=True, num_workers=0)
test_loader = tud.DataLoader(Cases(test), batch_size=100, shuffle=False, num_workers=0)
model = NeuMF()
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
loss_function = nn.BCEWithLogitsLoss()
train_times, eval_times = [], []
for epoch in range(epochs):
    model.train()
    t0 = time.perf_counter()
    samples.resample()
    for u, i, y in loader:
        optimizer.zero_grad()
        loss_function(model(u, i), y.float()).backward()
        optimizer.step()
    t1 = time.perf_counter()
    model.eval()
    hits = []
    with torch.no_grad():
        for u, i, _ in test_loader:
            top = torch.take(i, torch.topk(model(u, i), 10)[1]).tolist()
            hits.append(int(i[0].item()) in top)
    t2 = time.perf_counter()
    train_times.append(t1 - t0)
    eval_times.append(t2 - t1)
    print(f"epoch {epoch + 1}: train {t1 - t0:.2f} s, evaluation {t2 - t1:.2f} s, HR@10 {np.mean(hits):.4f}",
          file=sys.stderr, flush=True)
print(json.dumps({"train_s": statistics.median(train_times), "eval_s": statistics.median(eval_times)}))
