/**
 * How the optimizer got to its minimum (Li et al. 2018, section 7): the principal components of the
 * training checkpoints' offsets from the final weights ({@link
 * org.losslandscape.models.trajectory.TrajectoryPca}), the path projected onto the top two ({@link
 * org.losslandscape.models.trajectory.TrajectoryPlane}), and the loss on the plane they span around
 * the final weights ({@link org.losslandscape.models.trajectory.TrajectorySurface}).
 */
package org.losslandscape.models.trajectory;
