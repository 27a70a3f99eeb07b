import Engine
import Recsys

/// How a graph recommender is stored: its two layer-0 tables as safetensors, and in the
/// metadata what is needed to rebuild it and to refuse a mismatched graph.
enum ModelFile {
    static func encode(_ object: ModelObject) -> Safetensors {
        let model = object.model
        var metadata = ["format": "recbook-graph-recommender", "model": model.name, "layers": String(model.layers),
                        "dim": String(model.dimension), "users": String(model.graph.userCount),
                        "items": String(model.graph.itemCount), "data_fingerprint": object.dataset.use.fingerprint,
                        "split": object.dataset.split]
        if let simgcl = model as? SimGCL {
            metadata["epsilon"] = String(simgcl.epsilon)
            metadata["temperature"] = String(simgcl.temperature)
            metadata["cl_rate"] = String(simgcl.contrastiveWeight)
        }
        return Safetensors(
            tensors: [("user_embeddings", model.tables.users.value), ("item_embeddings", model.tables.items.value)],
            metadata: metadata)
    }

    static func decode(_ file: Safetensors, graph: GraphObject) throws(CommandError) -> ModelObject {
        let meta = file.metadata
        guard meta["format"] == "recbook-graph-recommender", let layers = meta["layers"].flatMap(Int.init),
              let users = file["user_embeddings"], let items = file["item_embeddings"] else {
            throw CommandError("this file was not saved by RecBook's save command", argument: "path")
        }
        guard users.rows == graph.graph.userCount, items.rows == graph.graph.itemCount else {
            throw CommandError("the model has \(users.rows) users and \(items.rows) items, the graph \(graph.graph.userCount) and \(graph.graph.itemCount)",
                               hint: "load it with the graph of the data it was trained on", argument: "graph")
        }
        guard meta["data_fingerprint"] == graph.dataset.use.fingerprint else {
            throw CommandError("the model was trained on other data (fingerprint \(meta["data_fingerprint"]?.prefix(12) ?? "none"), this data \(graph.dataset.use.fingerprint.prefix(12)))",
                               hint: "the rows would belong to other users and movies", argument: "graph")
        }
        let tables = EmbeddingTables(users: users, items: items)
        switch meta["model"] {
        case "LightGCN": return ModelObject(LightGCN(graph: graph.graph, layers: layers, tables: tables), graph: graph)
        case "MF": return ModelObject(MatrixFactorization(graph: graph.graph, tables: tables), graph: graph)
        case "SimGCL":
            guard let epsilon = meta["epsilon"].flatMap(Float.init), let temperature = meta["temperature"].flatMap(Float.init),
                  let weight = meta["cl_rate"].flatMap(Float.init) else {
                throw CommandError("the SimGCL file lacks epsilon, temperature or cl_rate", argument: "path")
            }
            return ModelObject(SimGCL(graph: graph.graph, layers: layers, tables: tables, epsilon: epsilon,
                                      temperature: temperature, contrastiveWeight: weight), graph: graph)
        default: throw CommandError("unknown model kind '\(meta["model"] ?? "")' in the file", argument: "path")
        }
    }
}
