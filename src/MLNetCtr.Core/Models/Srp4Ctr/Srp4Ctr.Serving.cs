using MLNetCtr.Data;
using MLNetCtr.Serving.Onnx;
using MLNetCtr.Tensors;

namespace MLNetCtr.Models;

/// <summary>SRP4CTR's serving paths: the user part once per request (<see cref="IUserOnceScoring"/>) and ONNX export of the full forward.</summary>
public sealed partial class Srp4Ctr : IOnnxExportable, IUserOnceScoring
{
    Func<CtrBatch, Tensor> IUserOnceScoring.ForUser(CtrBatch user)
    {
        Srp4CtrUserState state = EncodeUser(user);                                 // encoder, K/V caches, queries: once per request
        return candidates => ScoreCandidates(state, candidates);                  // (C, T)
    }

    string IOnnxExportable.ExportOnnx(OnnxGraph graph)
    {
        int d = Encoder.Architecture.EmbeddingDimension;
        BehaviorTokens tokens = Encoder.Tokens;
        string valid = tokens.ExportValid(graph);                                                                       // (B, L)
        string[] states = Encoder.ExportEncode(graph, valid, "encoder");                                                // N + 1 × (B, L, D)
        string userFields = graph.Flatten(graph.Embed(_userFields, "userFields"));                                     // (B, Fu·D)
        string summary = _queries is null ? tokens.ExportMeanOverValid(graph, states[^1], valid)                        // (B, D)
            : graph.Flatten(_queries.ExportOnnx(graph, states[^1], valid, userFields, "queries"));                     // (B, k·D)
        string content = tokens.ExportCandidateContent(graph, "encoder.tokens");                                       // (B, D)
        var parts = new List<string> { graph.Concat([summary, userFields], axis: 1), content };
        if (_itemFields is not null)
        {
            parts.Add(graph.Flatten(graph.Embed(_itemFields, "itemFields")));                                          // (B, Fi·D)
        }
        if (_cross.Count > 0)
        {
            string query = graph.Unsqueeze(graph.Add(content, graph.Parameter(_candidatePosition, "candidatePosition")), 1);   // (B, 1, D)
            for (int l = 0; l < _cross.Count; l++)
            {
                (string keys, string values) = graph.ProjectKeyValue(Encoder.Layers[l].Attention, states[l], $"encoder.layers.{l}.attention");
                query = graph.UniCrossAttention(_cross[l], query, keys, values, valid, d, $"cross.{l}");               // (B, 1, D)
            }
            parts.Add(graph.Reshape(query, 0, d));                                                                     // (B, D)
        }
        return graph.Mlp(_head, graph.Concat(parts, axis: 1), "head");                                                 // (B, T)
    }
}
