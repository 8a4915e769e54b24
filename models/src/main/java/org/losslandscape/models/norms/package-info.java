/**
 * Norm-based measures of a trained network's weights (Jiang et al. 2019, "Fantastic generalization
 * measures and where to find them"): plain arithmetic on the weight matrices, no graph and no data.
 */
package org.losslandscape.models.norms;
