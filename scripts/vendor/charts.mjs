// Chart.js v4 for the admin page's charts, with only the pieces it draws (bars and lines on
// linear and category axes, legend, tooltip). Bundled by scripts/build.sh into www/vendor/charts.js.
import {
  Chart, BarController, LineController, BarElement, LineElement, PointElement,
  CategoryScale, LinearScale, Legend, Tooltip, Filler,
} from 'chart.js';

Chart.register(BarController, LineController, BarElement, LineElement, PointElement, CategoryScale, LinearScale, Legend, Tooltip, Filler);

export { Chart };
