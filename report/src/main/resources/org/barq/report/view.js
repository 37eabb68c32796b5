// The boundary viewer: draws the label grids that barq computed (view-data.json, embedded above) and derives no
// geometry itself: boundary and triple-junction masks come with every grid, computed by barq's SliceMasks.
(function () {
  'use strict';
  const started = performance.now();
  const data = JSON.parse(document.getElementById('barq-data').textContent);
  const G = data.grid;
  const R = data.range;
  const SIZE = 440;
  const CELL = SIZE / G;
  const positions = data.positions;

  function bytes(base64) {
    const text = atob(base64);
    const out = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
    return out;
  }

  // RunLengths.java: byte pairs (value, count) over the row-major cells.
  function runs(base64, cells) {
    const r = bytes(base64);
    const out = new Uint8Array(cells);
    let p = 0;
    for (let i = 0; i < r.length; i += 2) {
      out.fill(r[i], p, p + r[i + 1]);
      p += r[i + 1];
    }
    if (p !== cells) throw new Error('barq view: a grid decodes to ' + p + ' cells, expected ' + cells);
    return out;
  }

  function decoded(grid) {
    if (!grid.cells) {
      grid.cells = {
        labels: runs(grid.labels, G * G),
        boundary: runs(grid.boundary, G * G),
        junctions: runs(grid.junctions, (G - 1) * (G - 1)),
      };
    }
    return grid.cells;
  }

  function rgb(hex) {
    const v = parseInt(hex.slice(1), 16);
    return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
  }
  const classColours = data.colours.map(rgb);
  // Boundary cells drawn over the regions: the overlay picture's blue and orange (Palette) would read as classes 0
  // and 1 here, so the float model's are near-black, the rounded model's white, cells on both grey.
  const overlay = {floatOnly: [34, 34, 34], roundedOnly: [255, 255, 255], both: [136, 136, 136]};

  const solvers = [];
  const widths = [];
  for (const v of data.variants) {
    if (!solvers.includes(v.solver)) solvers.push(v.solver);
    if (!widths.includes(v.bits)) widths.push(v.bits);
  }
  widths.sort((a, b) => a - b);
  function variant(solver, bits) {
    return data.variants.find(v => v.solver === solver && v.bits === bits);
  }
  // The model one width up of the solver, or undefined at the widest width or when the solver has none there.
  function above(solver, bitsIndex) {
    return bitsIndex + 1 < widths.length ? variant(solver, widths[bitsIndex + 1]) : undefined;
  }
  // Whether the page holds the slices of W(t) from the model v to the next wider one.
  function hasPath(v) {
    return v !== undefined && above(v.solver, widths.indexOf(v.bits)) !== undefined
      && v.toward.length === positions.length - 2;
  }
  const anyPath = data.variants.some(hasPath);
  // What the table and the sample marks describe: with a t slider, the b-bit end of the path, not the drawn W(t).
  const shownModel = anyPath ? 'b-bit model' : 'rounded model';

  const el = id => document.getElementById(id);
  const solverMenu = el('solver');
  for (const s of solvers) {
    const o = document.createElement('option');
    o.value = s;
    o.textContent = s;
    solverMenu.appendChild(o);
  }
  el('bits').max = widths.length - 1;
  el('t').max = positions.length - 1;
  const layers = {changed: el('layer-changed'), floatBoundary: el('layer-float-boundary'),
    roundedBoundary: el('layer-rounded-boundary'), junctions: el('layer-junctions'), points: el('layer-points')};

  function pane(id) {
    const canvas = el(id);
    canvas.width = SIZE;
    canvas.height = SIZE;
    const regions = document.createElement('canvas');
    regions.width = G;
    regions.height = G;
    // The region pixels are read back (drawnLabels); the hint keeps them in memory the browser can read.
    regions.getContext('2d', {willReadFrequently: true});
    const composed = document.createElement('canvas');
    composed.width = G;
    composed.height = G;
    return {canvas, regions, composed};
  }
  const floatPane = pane('float-canvas');
  const roundedPane = pane('rounded-canvas');

  // What the controls select: the b-bit model, and the slice drawn on the right (W(t) towards b+1).
  function selection() {
    const bitsIndex = Number(el('bits').value);
    const bits = widths[bitsIndex];
    const low = variant(solverMenu.value, bits);
    const next = above(solverMenu.value, bitsIndex);
    const path = hasPath(low);
    el('t').disabled = !path;
    const k = path ? Number(el('t').value) : 0;
    let grid;
    if (low === undefined) grid = undefined;
    else if (k === 0) grid = low.slice;
    else if (k === positions.length - 1) grid = next.slice;
    else grid = low.toward[k - 1];
    return {bits, low, next, path, k, t: positions[k], grid};
  }

  function paint(p, cells, other) {
    const g = p.regions.getContext('2d');
    const image = g.createImageData(G, G);
    const shown = g.createImageData(G, G);
    const otherBoundary = other.boundary;
    for (let row = 0; row < G; row++) {
      for (let col = 0; col < G; col++) {
        const cell = row * G + col;
        const at = ((G - 1 - row) * G + col) * 4;  // row 0 at the bottom: b grows upwards
        const c = classColours[cells.labels[cell] % classColours.length];
        image.data[at] = c[0]; image.data[at + 1] = c[1]; image.data[at + 2] = c[2]; image.data[at + 3] = 255;
        let s = c;
        if (layers.changed.checked && cells.labels[cell] !== other.labels[cell]) {
          s = [Math.round(c[0] * 0.35 + 255 * 0.65), Math.round(c[1] * 0.35 + 255 * 0.65),
            Math.round(c[2] * 0.35 + 255 * 0.65)];
        }
        const isFloat = p === floatPane ? cells.boundary[cell] : otherBoundary[cell];
        const isRounded = p === floatPane ? otherBoundary[cell] : cells.boundary[cell];
        const f = layers.floatBoundary.checked && isFloat;
        const r = layers.roundedBoundary.checked && isRounded;
        if (f && r) s = overlay.both;
        else if (f) s = overlay.floatOnly;
        else if (r) s = overlay.roundedOnly;
        shown.data[at] = s[0]; shown.data[at + 1] = s[1]; shown.data[at + 2] = s[2]; shown.data[at + 3] = 255;
      }
    }
    g.putImageData(image, 0, 0);
    p.composed.getContext('2d').putImageData(shown, 0, 0);
    const out = p.canvas.getContext('2d');
    out.imageSmoothingEnabled = false;
    out.clearRect(0, 0, SIZE, SIZE);
    out.drawImage(p.composed, 0, 0, SIZE, SIZE);
    if (layers.junctions.checked) {
      out.fillStyle = '#ffd400';
      out.strokeStyle = '#000';
      out.lineWidth = 1;
      const side = Math.max(6, CELL * 3);
      for (let row = 0; row < G - 1; row++) {
        for (let col = 0; col < G - 1; col++) {
          if (cells.junctions[row * (G - 1) + col]) {
            // Block (row, col) spans cells row..row+1, col..col+1: its centre is their shared corner.
            out.fillRect((col + 1) * CELL - side / 2, (G - 1 - row) * CELL - side / 2, side, side);
            out.strokeRect((col + 1) * CELL - side / 2, (G - 1 - row) * CELL - side / 2, side, side);
          }
        }
      }
    }
  }

  const samples = data.samples;
  function sampleXY(i) {
    const col = (samples.a[i] + R) * (G - 1) / (2 * R);
    const row = (samples.b[i] + R) * (G - 1) / (2 * R);
    return [(col + 0.5) * CELL, (G - 1 - row + 0.5) * CELL];
  }

  function drawPoints(p, predicted) {
    if (!layers.points.checked) return;
    const g = p.canvas.getContext('2d');
    for (let i = 0; i < samples.shown; i++) {
      const [x, y] = sampleXY(i);
      if (x < 0 || y < 0 || x > SIZE || y > SIZE) continue;
      g.beginPath();
      g.arc(x, y, 2.8, 0, 2 * Math.PI);
      g.fillStyle = data.colours[samples.label[i] % data.colours.length];
      g.fill();
      g.lineWidth = samples.band[i] ? 2 : 1;
      g.strokeStyle = samples.band[i] ? '#000' : '#fff';
      g.stroke();
      if (predicted !== undefined && predicted[i] !== samples.predicted[i]) {
        g.beginPath();
        g.moveTo(x - 5, y - 5); g.lineTo(x + 5, y + 5);
        g.moveTo(x - 5, y + 5); g.lineTo(x + 5, y - 5);
        g.lineWidth = 2;
        g.strokeStyle = '#d00';
        g.stroke();
      }
    }
  }

  const names = {accuracy_float: 'float accuracy', accuracy_rounded: 'rounded accuracy', flip_rate: 'flip rate',
    band_flip_rate: 'band flip rate', pair_order_flip: 'pair-order flip', boundary_jaccard: 'boundary Jaccard distance',
    grid_change: 'grid change', junctions_float: 'junctions (float)', junctions_rounded: 'junctions (rounded)'};
  function shown(x) {
    if (x === null || x === undefined) return '-';
    return Number.isInteger(x) ? String(x) : x.toFixed(4);
  }

  function table(s) {
    const rows = [];
    if (s.low !== undefined) {
      for (const key of Object.keys(names)) {
        if (key in s.low.metrics) rows.push([names[key], shown(s.low.metrics[key])]);
      }
    }
    if (s.grid !== undefined && s.k > 0) {
      rows.push(['W(' + s.t + ') grid change', shown(s.grid.grid_change)]);
      rows.push(['W(' + s.t + ') boundary Jaccard distance', shown(s.grid.boundary_jaccard)]);
      rows.push(['W(' + s.t + ') junctions', shown(s.grid.junction_count)]);
    }
    const t = el('metrics');
    t.replaceChildren();
    for (const [k, v] of rows) {
      const tr = t.insertRow();
      tr.insertCell().textContent = k;
      tr.insertCell().textContent = v;
    }
  }

  let current;
  function render() {
    const s = selection();
    current = s;
    el('bits-out').textContent = s.bits + ' bits';
    el('t-out').textContent = s.next === undefined ? 'widest width'
      : s.path ? 't = ' + s.t + ' (towards ' + s.next.bits + ' bits)' : 'no path to ' + s.next.bits + ' bits';
    const floatCells = decoded(data.float);
    const roundedCells = s.grid === undefined ? floatCells : decoded(s.grid);
    paint(floatPane, floatCells, roundedCells);
    paint(roundedPane, roundedCells, floatCells);
    drawPoints(floatPane, undefined);
    drawPoints(roundedPane, s.low === undefined ? undefined : s.low.predicted);
    el('rounded-caption').textContent = s.low === undefined ? 'no ' + s.bits + '-bit model of ' + solverMenu.value
      : s.k === 0 ? solverMenu.value + ', ' + s.bits + ' bits'
        : solverMenu.value + ', W(t) at t = ' + s.t + ' between ' + s.bits + ' and ' + s.next.bits + ' bits';
    el('metrics-title').textContent = s.low === undefined ? 'metrics' : 'metrics of ' + s.low.id;
    table(s);
    readOut();
  }

  // The last pointed-at position in canvas pixels: the read-out is redone there when the controls change what it
  // reads (the rounded grid, the samples layer).
  let pointer;
  function hover(p, event) {
    const box = p.canvas.getBoundingClientRect();
    pointer = {x: (event.clientX - box.left) * SIZE / box.width, y: (event.clientY - box.top) * SIZE / box.height};
    readOut();
  }

  function readOut() {
    if (pointer === undefined) return;
    const {x, y} = pointer;
    const col = Math.min(G - 1, Math.max(0, Math.floor(x / CELL)));
    const row = G - 1 - Math.min(G - 1, Math.max(0, Math.floor(y / CELL)));
    const step = 2 * R / (G - 1);
    const cell = row * G + col;
    const s = current;
    const lines = ['cell (row ' + row + ', col ' + col + '), a = ' + (-R + col * step).toFixed(2) + ', b = '
      + (-R + row * step).toFixed(2),
    'float label ' + decoded(data.float).labels[cell] + ', rounded label '
      + (s.grid === undefined ? '-' : decoded(s.grid).labels[cell])];
    let nearest = -1;
    let best = 36;
    for (let i = 0; i < samples.shown; i++) {
      const [sx, sy] = sampleXY(i);
      const d = (sx - x) * (sx - x) + (sy - y) * (sy - y);
      if (d < best) { best = d; nearest = i; }
    }
    if (nearest >= 0 && layers.points.checked) {
      const i = nearest;
      lines.push('sample ' + i + ': class ' + samples.label[i] + (samples.band[i] ? ', in the band' : ''));
      lines.push('float: predicts ' + samples.predicted[i] + ', margin ' + shown(samples.margin[i]));
      if (s.low !== undefined) {
        lines.push(s.bits + '-bit model: predicts ' + s.low.predicted[i] + ', margin ' + shown(s.low.margin[i])
          + (s.low.predicted[i] !== samples.predicted[i] ? ' (flipped)' : ''));
      }
    }
    el('hover').textContent = lines.join('\n');
  }

  function legend() {
    const parts = [];
    data.colours.forEach((c, k) => parts.push('<span class="swatch" style="background:' + c + '"></span>' + k));
    parts.push('<br><span class="swatch" style="background:#222"></span>float boundary'
      + '<span class="swatch" style="background:#fff"></span>rounded boundary'
      + '<span class="swatch" style="background:#888"></span>both'
      + '<br><span class="swatch" style="background:#ffd400"></span>triple junction; pale cells: label changed;'
      + ' dot: sample in its class colour, black ring: band, red cross: flipped by the ' + shownModel);
    el('legend').innerHTML = parts.join('');
  }

  // A slider with one position would move nothing: evaluate --view's page holds one model, so neither another
  // width nor a path to one; the note then leaves out what it says about t.
  el('bits-control').hidden = widths.length < 2;
  el('t-control').hidden = !anyPath;
  const marks = 'The table and the sample marks are those of the ' + shownModel + ' on the ' + samples.of
    + ' samples of the set' + (samples.shown < samples.of ? ' (the first ' + samples.shown + ' are drawn)' : '');
  el('note').textContent = anyPath ? 'The t slider shows the slice of W(t) = (1 - t) W_b + t W_(b+1) at t in {'
    + positions.join(', ') + '} (FORMULATION §5); t = 0 is the b-bit model, t = 1 the next width\'s. ' + marks
    + '; the rows W(t) are of the drawn slice, against the float model\'s.' : marks + '.';

  // The address names the setting, in the form read below, so that it can be shared or bookmarked as it is.
  function remember() {
    const setting = new URLSearchParams();
    setting.set('solver', solverMenu.value);
    setting.set('bits', String(current.bits));
    if (current.path) setting.set('t', String(current.t));
    for (const [name, box] of Object.entries(layers)) {
      if (!box.checked) setting.append('hide', name);
    }
    history.replaceState(null, '', '#' + setting.toString());
  }

  for (const id of ['solver', 'bits', 't', 'layer-changed', 'layer-float-boundary', 'layer-rounded-boundary',
    'layer-junctions', 'layer-points']) {
    for (const type of ['input', 'change']) {
      el(id).addEventListener(type, () => {
        render();
        remember();
      });
    }
  }
  floatPane.canvas.addEventListener('mousemove', e => hover(floatPane, e));
  roundedPane.canvas.addEventListener('mousemove', e => hover(roundedPane, e));
  // A setting to open at, e.g. view.html#solver=gptq&bits=4&t=0.5&hide=points (a link to one picture, or a
  // screenshot); remember() writes it.
  const wanted = new URLSearchParams(location.hash.slice(1));
  if (solvers.includes(wanted.get('solver'))) solverMenu.value = wanted.get('solver');
  if (widths.includes(Number(wanted.get('bits')))) el('bits').value = widths.indexOf(Number(wanted.get('bits')));
  if (positions.includes(Number(wanted.get('t')))) el('t').value = positions.indexOf(Number(wanted.get('t')));
  for (const name of wanted.getAll('hide')) {
    // own names only: 'hide=__proto__' must not reach Object.prototype
    if (Object.hasOwn(layers, name)) layers[name].checked = false;
  }
  legend();
  render();

  // For tests and scripts: the labels as drawn, read back from the region pixels, index row * G + col.
  function drawnLabels(p) {
    const pixels = p.regions.getContext('2d').getImageData(0, 0, G, G).data;
    const out = new Array(G * G);
    for (let row = 0; row < G; row++) {
      for (let col = 0; col < G; col++) {
        const at = ((G - 1 - row) * G + col) * 4;
        out[row * G + col] = classColours.findIndex(c => c[0] === pixels[at] && c[1] === pixels[at + 1]
          && c[2] === pixels[at + 2]);
      }
    }
    return out;
  }
  window.barqView = {
    grid: G,
    // From navigation to the first drawing, and the script's own part of it (parse, decode, draw).
    openMs: performance.now(),
    scriptMs: performance.now() - started,
    state: () => ({solver: solverMenu.value, bits: current.bits, t: current.t}),
    floatLabels: () => drawnLabels(floatPane),
    roundedLabels: () => drawnLabels(roundedPane),
  };
}());
