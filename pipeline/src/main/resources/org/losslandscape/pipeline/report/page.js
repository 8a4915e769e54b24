// Draws the report's plots from the JSON embedded in the page (see PageData.java). Everything else
// on the page (tables, settings, verdict) is plain HTML written by the tool. When every plot has
// been drawn, <html> gets data-report-ready="true" and data-plots-drawn="N"; if one fails, it gets
// data-report-ready="failed" and the message is shown at the top of the page.
'use strict';
(function () {
  const root = document.documentElement;
  const status = document.getElementById('render-status');
  const data = JSON.parse(document.getElementById('report-data').textContent);
  const config = { responsive: true, displaylogo: false };
  const font = { family: 'system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif' };
  const alphaTitle = 'α (direction d1)';
  const marker = '#e8112d'; // the trained weights: a red that the viridis colour scale never uses
  const betaTitle = 'β (direction d2)';

  function colour(index) {
    return data.colours[index];
  }

  // One z range and one colour scale for every slice, so equal colours mean equal losses.
  const range = data.z_range;

  function surface(s) {
    const traces = [
      Object.assign(
        {
          type: 'surface',
          x: s.coordinates,
          y: s.coordinates,
          z: s.loss_along_beta,
          colorscale: 'Viridis',
          colorbar: { title: { text: 'loss (nats)' }, len: 0.8 },
          hovertemplate: 'α %{x:.3f}<br>β %{y:.3f}<br>loss %{z:.4f}<extra></extra>'
        },
        range ? { cmin: range.min, cmax: range.max } : {}
      ),
      {
        type: 'scatter3d',
        mode: 'markers',
        x: [0],
        y: [0],
        z: [s.centre_loss],
        marker: { size: 6, color: marker, line: { color: '#ffffff', width: 1 } },
        hovertemplate: 'trained weights (0, 0)<br>loss %{z:.4f}<extra></extra>'
      }
    ];
    const layout = {
      font: font,
      title: { text: 'loss surface', x: 0.02, xanchor: 'left' },
      margin: { l: 0, r: 0, t: 40, b: 0 },
      showlegend: false,
      scene: {
        xaxis: { title: { text: 'α (d1)' } },
        yaxis: { title: { text: 'β (d2)' } },
        zaxis: Object.assign({ title: { text: 'loss' } }, range ? { range: [range.min, range.max] } : {}),
        camera: { eye: { x: 1.6, y: -1.6, z: 1.1 } },
        aspectmode: 'cube'
      }
    };
    return Plotly.newPlot('surface-' + s.index, traces, layout, config);
  }

  function contour(s) {
    const levels = range
      ? { start: range.min, end: range.max, size: (range.max - range.min) / 20 || 1 }
      : {};
    const accuracy = s.accuracy_along_beta;
    const traces = [
      Object.assign(
        {
          type: 'contour',
          x: s.coordinates,
          y: s.coordinates,
          z: s.loss_along_beta,
          colorscale: 'Viridis',
          autocontour: !range,
          contours: Object.assign({ showlabels: true, labelfont: { color: '#ffffff', size: 10 } }, levels),
          colorbar: { title: { text: 'loss (nats)' } },
          customdata: accuracy || undefined,
          hovertemplate:
            'α %{x:.3f}<br>β %{y:.3f}<br>loss %{z:.4f}' +
            (accuracy ? '<br>accuracy %{customdata:.4f}' : '') +
            '<extra></extra>'
        },
        range ? { zmin: range.min, zmax: range.max, zauto: false } : {}
      ),
      {
        type: 'scatter',
        mode: 'markers+text',
        x: [0],
        y: [0],
        text: ['trained weights'],
        textposition: 'top right',
        textfont: { color: '#ffffff' },
        marker: { symbol: 'x', size: 12, color: marker, line: { color: '#ffffff', width: 1 } },
        hovertemplate: 'trained weights (0, 0)<br>loss ' + s.centre_loss.toFixed(4) + '<extra></extra>'
      }
    ];
    const layout = {
      font: font,
      title: { text: 'contours (shared levels)', x: 0.02, xanchor: 'left' },
      margin: { l: 60, r: 10, t: 40, b: 50 },
      showlegend: false,
      xaxis: { title: { text: alphaTitle }, zeroline: false },
      yaxis: { title: { text: betaTitle }, scaleanchor: 'x', zeroline: false }
    };
    return Plotly.newPlot('contour-' + s.index, traces, layout, config);
  }

  // Axis names of subplot k (0-based): 'x', 'x2', ... and the layout keys 'xaxis', 'xaxis2', ...
  function axis(letter, k) {
    return letter + (k === 0 ? '' : String(k + 1));
  }

  function subplotTitle(text, k) {
    return {
      text: text,
      xref: axis('x', k) + ' domain',
      yref: axis('y', k) + ' domain',
      x: 0.5,
      y: 1.08,
      showarrow: false,
      font: { size: 14 }
    };
  }

  function sharpness(plot) {
    const traces = [];
    const layout = {
      font: font,
      grid: { rows: 1, columns: plot.radii.length, pattern: 'independent' },
      margin: { l: 60, r: 10, t: 50, b: 30 },
      legend: { orientation: 'h', y: -0.08 },
      annotations: []
    };
    plot.radii.forEach(function (eps, k) {
      layout.annotations.push(subplotTitle('ε = ' + eps, k));
      if (plot.notes[k]) {
        layout.annotations.push({
          text: plot.notes[k],
          xref: axis('x', k) + ' domain',
          yref: axis('y', k) + ' domain',
          x: 0.5,
          y: 0.5,
          showarrow: false,
          font: { size: 12, color: '#5b6577' }
        });
      }
      layout[axis('xaxis', k)] = { showticklabels: false };
      layout[axis('yaxis', k)] = { rangemode: 'tozero', title: { text: k === 0 ? 'loss increase (nats)' : '' } };
      plot.series.forEach(function (s) {
        const mean = s.mean[k];
        const hasInterval = mean !== null && s.low[k] !== null && s.high[k] !== null;
        traces.push({
          type: 'bar',
          name: s.recipe,
          legendgroup: s.recipe,
          showlegend: k === 0,
          x: [s.recipe],
          y: [mean],
          marker: { color: colour(s.index) },
          xaxis: axis('x', k),
          yaxis: axis('y', k),
          error_y: hasInterval
            ? { type: 'data', symmetric: false, array: [s.high[k] - mean], arrayminus: [mean - s.low[k]], color: '#333333' }
            : { visible: false },
          hovertemplate:
            s.recipe + '<br>S(' + eps + ') = %{y:.4g}' +
            (hasInterval ? '<br>95% interval [' + s.low[k].toPrecision(4) + ', ' + s.high[k].toPrecision(4) + '] over ' + s.over : '<br>no interval') +
            '<extra></extra>'
        });
      });
    });
    return Plotly.newPlot('sharpness-chart', traces, layout, config);
  }

  function curves(list) {
    const traces = [];
    list.forEach(function (c) {
      [['loss', 'x', 'y'], ['accuracy', 'x2', 'y2']].forEach(function (spec, k) {
        traces.push({
          type: 'scatter',
          mode: 'lines+markers',
          name: c.recipe,
          legendgroup: c.recipe,
          showlegend: k === 0,
          x: c.epoch,
          y: c[spec[0]],
          customdata: c.step,
          xaxis: spec[1],
          yaxis: spec[2],
          line: { color: colour(c.index) },
          hovertemplate: c.recipe + '<br>epoch %{x:.2f} (step %{customdata})<br>' + spec[0] + ' %{y:.4f}<extra></extra>'
        });
      });
    });
    const layout = {
      font: font,
      grid: { rows: 1, columns: 2, pattern: 'independent' },
      margin: { l: 60, r: 10, t: 50, b: 50 },
      legend: { orientation: 'h', y: -0.2 },
      xaxis: { title: { text: 'epoch' } },
      xaxis2: { title: { text: 'epoch' } },
      yaxis: { title: { text: 'training loss (nats)' } },
      yaxis2: { title: { text: 'training accuracy' } },
      annotations: [subplotTitle('loss on the full training set', 0), subplotTitle('accuracy on the full training set', 1)]
    };
    return Plotly.newPlot('training-curves', traces, layout, config);
  }

  function fail(error) {
    root.dataset.reportReady = 'failed';
    status.textContent = 'A plot could not be drawn: ' + (error && error.message ? error.message : error);
    status.classList.add('failed');
  }

  window.addEventListener('error', function (event) {
    fail(event.message);
  });

  try {
    const drawing = [];
    data.surfaces.forEach(function (s) {
      drawing.push(surface(s), contour(s));
    });
    if (data.sharpness.series.length > 0) {
      drawing.push(sharpness(data.sharpness));
    }
    if (data.curves.length > 0) {
      drawing.push(curves(data.curves));
    }
    Promise.all(drawing).then(function () {
      root.dataset.plotsDrawn = String(drawing.length);
      root.dataset.reportReady = 'true';
      status.textContent = drawing.length + ' interactive plots: drag to rotate or pan, scroll to zoom, hover for values.';
    }, fail);
  } catch (error) {
    fail(error);
  }
})();
