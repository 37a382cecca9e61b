namespace MLNetCtr.Models;

/// <summary>How a multi-task model shares its bottom between the tasks.</summary>
public enum MultitaskStructure
{
    /// <summary>One bottom MLP shared by every task (Caruana, 1997): the one-expert mixture.</summary>
    SharedBottom,

    /// <summary>Multi-gate mixture of experts (Ma et al., KDD 2018): n experts, one softmax gate per task.</summary>
    Mmoe,

    /// <summary>
    /// One-gate mixture of experts (OMoE, the MMoE paper's baseline): n experts and one softmax gate shared by every
    /// task, so all tasks get the same mixture. Compared with <see cref="Mmoe"/> it shows what per-task gates add.
    /// </summary>
    Omoe,

    /// <summary>Progressive layered extraction (Tang et al., RecSys 2020): task-specific and shared experts, stacked levels.</summary>
    Ple,
}
