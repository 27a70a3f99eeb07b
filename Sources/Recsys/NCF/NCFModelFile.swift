import Engine

/// How an NCF model is stored: its parameters as safetensors, under the names of the seed's
/// PyTorch `state_dict()` (so `model.load_state_dict(safetensors.torch.load_file(path))` works on
/// the seed's class), and in the metadata what is needed to rebuild it and to refuse other data.
public enum NCFModelFile {
    public static let format = "recbook-ncf"

    /// The file for `network` holding `weights` (e.g. the best epoch's, in `namedParameters`
    /// order); `metadata` adds to the model's kind and sizes, e.g. the data's fingerprint.
    public static func encode(_ network: NCFNetwork, weights: [(name: String, tensor: Tensor)],
                              metadata: [String: String]) -> Safetensors {
        var meta = metadata
        meta["format"] = format
        meta["model"] = network.name
        meta["factors"] = String(network.factors)
        meta["layers"] = String(network.layers)
        meta["dropout"] = String(network.dropout)
        meta["users"] = String(network.userCount)
        meta["items"] = String(network.itemCount)
        return Safetensors(tensors: weights, metadata: meta)
    }

    /// Rebuilds the network a file holds; every missing tensor or mismatched shape is an error.
    public static func decode(_ file: Safetensors) throws(NCFError) -> NCFNetwork {
        let meta = file.metadata
        guard meta["format"] == format, let name = meta["model"] else {
            throw NCFError("this file was not saved by RecBook's save of an NCF model (its metadata has no format \"\(format)\")")
        }
        let dropout = meta["dropout"].flatMap(Float.init) ?? 0
        func tensor(_ key: String) throws(NCFError) -> Tensor {
            guard let value = file[key] else { throw NCFError("the file lacks the tensor '\(key)' that a \(name) model needs") }
            return value
        }
        func pair(_ side: String) throws(NCFError) -> EmbeddingPair {
            let users = try tensor("embed_user_\(side).weight"), items = try tensor("embed_item_\(side).weight")
            guard users.rank == 2, items.rank == 2, users.rowLength == items.rowLength else {
                throw NCFError("the \(side) tables have shapes \(users.shape) and \(items.shape); they must be matrices of one width")
            }
            return EmbeddingPair(users: users, items: items)
        }
        func tower() throws(NCFError) -> Tower {
            let embeddings = try pair("MLP")
            var layers: [DenseLayer] = []
            var width = 2 * embeddings.width
            while let weight = file["MLP_layers.\(3 * layers.count + 1).weight"] {
                let bias = try tensor("MLP_layers.\(3 * layers.count + 1).bias")
                guard weight.rank == 2, weight.shape[1] == width, bias.shape == [weight.shape[0]] else {
                    throw NCFError("tower layer \(layers.count + 1) has weight \(weight.shape) and bias \(bias.shape) after a width of \(width)")
                }
                layers.append(DenseLayer(weight: weight, bias: bias))
                width = weight.shape[0]
            }
            guard !layers.isEmpty else { throw NCFError("the file has MLP tables but no tower layers") }
            return Tower(embeddings: embeddings, layers: layers)
        }
        let predictor = DenseLayer(weight: try tensor("predict_layer.weight"), bias: try tensor("predict_layer.bias"))
        let network: NCFNetwork
        switch name {
        case "GMF": network = GMF(tables: try pair("GMF"), predictor: predictor)
        case "MLP": network = MLP(tower: try tower(), predictor: predictor, dropout: dropout)
        case "NeuMF-end", "NeuMF-pre":
            network = NeuMF(name: name, tables: try pair("GMF"), tower: try tower(), predictor: predictor, dropout: dropout)
        default: throw NCFError("unknown model kind '\(name)' in the file")
        }
        let inputs = (network.gmf?.width ?? 0) + (network.mlp?.layers.last?.outputs ?? 0)
        guard predictor.weight.shape == [1, inputs], predictor.bias.shape == [1] else {
            throw NCFError("the prediction layer has weight \(predictor.weight.shape), but the model's parts give \(inputs) inputs")
        }
        if let gmf = network.gmf, let mlp = network.mlp,
           gmf.users.value.rows != mlp.embeddings.users.value.rows || gmf.items.value.rows != mlp.embeddings.items.value.rows {
            throw NCFError("the GMF and MLP tables hold different numbers of users or items")
        }
        return network
    }
}

extension NCFNetwork {
    /// A network of the same kind and shape holding `weights` (in `namedParameters` order, as a
    /// training run keeps its best epoch's); the weights are shared until either side writes.
    public func withParameters(_ weights: [(name: String, tensor: Tensor)]) -> NCFNetwork {
        // The weights have this network's names and shapes, so the file always decodes.
        try! NCFModelFile.decode(NCFModelFile.encode(self, weights: weights, metadata: [:]))
    }
}
