// The ways to a shared network the experiment compares, besides the pretrained network itself.
export const RETRAIN_METHODS = ['kmeans', 'trained-quantization', 'dkm-spectral', 'dkm-indicator'] as const;
export type RetrainMethod = (typeof RETRAIN_METHODS)[number];

export const METHOD_LABELS: Readonly<Record<RetrainMethod | 'pretrained', string>> = {
  pretrained: 'pretrained (not shared)',
  kmeans: 'k-means sharing, no re-training',
  'trained-quantization': 'k-means, then centroids trained (Han et al. 2016)',
  'dkm-spectral': "Deep k-Means, the paper's spectral F",
  'dkm-indicator': 'Deep k-Means, cluster-indicator F',
};

/** The methods that re-train (same seed, solver and number of epochs for each). */
export const retrains = (m: RetrainMethod): boolean => m !== 'kmeans';
